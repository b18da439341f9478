import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { IconButton } from '../ui/IconButton';
import { ActivityIcon } from '../ui/icons/headerIcons';
import { ActivityDialog } from './lazyDialogs';

export function ActivityButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton
        icon={<ActivityIcon />}
        tooltip={t('activity.open')}
        label={t('activity.open')}
        onClick={() => setOpen(true)}
      />
      {open && <ActivityDialog onClose={() => setOpen(false)} />}
    </>
  );
}
