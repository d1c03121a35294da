// The reading pane's benchmark page: the article's fetch starts at once, while the
// pane's chunk (React, Slate and the pane) loads beside it, as in the app, where the
// pane is a chunk of its own (renderer/shell/onDemand.ts) and the article comes
// from its own request.
import '../../../../renderer/styles.css';
import './benchPage.css';
import { fetchBenchArticle } from './benchArticle.ts';

const [article, { mountReadingPane }] = await Promise.all([fetchBenchArticle(), import('./crosscheckPane.tsx')]);
mountReadingPane(article);
