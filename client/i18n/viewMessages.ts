import { jaBetweenMeetings } from '../../shared/i18n/jaBetweenMeetings';
import { jaViews } from '../../shared/i18n/jaViews';
import { addJapaneseMessages } from './catalogs';

// Loaded with every view and dialog loaded on demand (client/ui/onDemand.tsx, client/views/lazyViews.tsx):
// the Japanese messages only they show come with them, not with the page's first script.
addJapaneseMessages(jaViews);
addJapaneseMessages(jaBetweenMeetings);
