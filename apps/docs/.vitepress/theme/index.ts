import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import '@billogram/cookies-policy-table/styles.css';
import CookiePolicy from './CookiePolicy.vue';
import ServiceList from './ServiceList.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('CookiePolicy', CookiePolicy);
    app.component('ServiceList', ServiceList);
  },
} satisfies Theme;
