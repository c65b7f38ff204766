// Test page script (www/test/living-react.html, living-preact.html): a real React 18 or
// Preact 10 app (the pinned npm builds, served at /vendor/) that renders ten paragraphs of
// news and, once the test calls window.__go(), re-renders them every 100 ms with other
// text, the way a live page does. Each paragraph's text node is the framework's: it writes
// `node.nodeValue = …` (React) or `node.data = …` (Preact) on re-render. window.__expected
// holds what the app rendered last; window.__afterRender() (set by the test) runs in a
// microtask after each render. `?mode=` sets the embed's data-mode.

const SENTENCES = [
  'הנשיא ולדימיר פוטין נפגש במוסקבה עם סשה טרופנוב ב-7 באוקטובר 2024.',
  'ראש הממשלה בנימין נתניהו נפגש בוושינגטון עם נשיא ארצות הברית.',
  'דובר צה"ל אמר כי חמאס ממשיך להחזיק חטופים ברצועת עזה.',
  'שר החוץ של צרפת עמנואל בון ביקר בירושלים ובתל אביב.',
  'בבית המשפט העליון בירושלים נדון אתמול ערעור של חברת אל על.',
];

const lib = document.documentElement.dataset.lib;
const root = document.getElementById('app');
let n = 0;
let timer = 0;
window.__expected = [];

function texts() {
  return Array.from({ length: 10 }, (_, i) => [`עדכון ${n}: `, SENTENCES[(i + n) % SENTENCES.length]]);
}

function render() {
  const list = texts();
  window.__expected = list.map(([head, body]) => head + body);
  if (lib === 'react') {
    const h = window.React.createElement;
    window.__root ||= window.ReactDOM.createRoot(root);
    window.__root.render(list.map(([head, body], i) => h('p', { key: i, id: `p${i}` }, head, body)));
  } else {
    const { h, render: draw } = window.preact;
    draw(list.map(([head, body], i) => h('p', { key: i, id: `p${i}` }, head, body)), root);
  }
  queueMicrotask(() => window.__afterRender?.());
}

// React renders asynchronously: its renders are flushed so each one commits at once.
const commit = () => (lib === 'react' ? window.ReactDOM.flushSync(render) : render());
commit();
window.__go = () => {
  timer = setInterval(() => {
    n += 1;
    commit();
  }, 100);
};
window.__stop = () => clearInterval(timer);

// The one-line embed, with the mode the test asks for.
const s = document.createElement('script');
s.type = 'module';
s.src = '../embed.js';
s.dataset.target = '#app';
s.dataset.lazy = 'off';
s.dataset.panel = 'open';
s.dataset.mode = new URLSearchParams(location.search).get('mode') || 'auto';
document.body.append(s);
