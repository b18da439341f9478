import type { ComponentType } from 'react';
import {
  ColorIcon,
  CommentIcon,
  EditIcon,
  GroupIcon,
  KeyboardIcon,
  LikeIcon,
  MoveIcon,
  QuestionIcon,
  SearchIcon,
  SpotlightIcon,
  TrashIcon,
  UngroupIcon,
} from '../ui/icons';
import {
  FitIcon,
  HistoryIcon,
  ListIcon,
  LockIcon,
  PeopleIcon,
  SettingsIcon,
  UnlockIcon,
} from '../ui/icons/headerIcons';

/** The icon shown beside each action in the menu, the palette and the help (kept out of the plain definitions). */
export const ACTION_ICONS: Readonly<Record<string, ComponentType>> = {
  'note.edit': EditIcon,
  'note.move': MoveIcon,
  'note.group': GroupIcon,
  'note.leaveGroup': UngroupIcon,
  'note.spotlight': SpotlightIcon,
  'note.color': ColorIcon,
  'note.comment': CommentIcon,
  'note.like': LikeIcon,
  'note.question': QuestionIcon,
  'note.delete': TrashIcon,
  'board.palette': SearchIcon,
  'board.help': KeyboardIcon,
  'board.compact': ListIcon,
  'board.overview': FitIcon,
  'board.settings': SettingsIcon,
  'board.people': PeopleIcon,
  'board.audit': HistoryIcon,
  'board.lock': LockIcon,
  'board.unlock': UnlockIcon,
};
