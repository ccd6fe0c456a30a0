// A Docusaurus 3 site with nothing but kube-apidocs' pages under docs/api (hack/ssg/build.sh copies
// this folder's config and pages next to them): the classic preset's defaults, no blog, and every
// broken link, anchor or Markdown link an error, as the README asks.
// @ts-check

/** @type {import('@docusaurus/types').Config} */
export default {
  title: 'kube-apidocs in Docusaurus',
  url: 'http://localhost',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {hooks: {onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw'}},
  presets: [['classic', {docs: {}, blog: false, theme: {}}]],
};
