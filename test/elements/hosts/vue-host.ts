/**
 * A Vue 3 host, as a portal team would write it with render functions: `.adapter` / `.queryClient` force property
 * binding (Vue would otherwise stringify an object into an attribute on an element it does not know yet),
 * `onStrideSelect` listens to `stride-select`, and the org comes from the host's reactive state.
 */
import { createApp, defineComponent, h, ref, type PropType } from 'vue';
import type { HeardScopeChange, HeardSelect, HostOptions, MountHost } from './host-contract.js';

export const mountVueHost: MountHost = (container, options) => {
  const org = ref(options.org);
  const Portal = defineComponent({
    props: { options: { type: Object as PropType<HostOptions>, required: true } },
    setup(props) {
      const heard = ref<string[]>([]);
      return () =>
        h('div', { class: 'vue-portal' }, [
          h('stride-dashboard', {
            org: org.value,
            lang: 'en',
            refresh: props.options.refresh,
            '.adapter': props.options.adapter,
            '.queryClient': props.options.queryClient,
            onStrideSelect: (event: HeardSelect) => heard.value.push(`select:${event.detail.kind}:${event.detail.id}`),
            onStrideScopeChange: (event: HeardScopeChange) =>
              heard.value.push(`scope:${event.detail.scope.org}:${event.detail.scope.period}`),
          }),
          h(
            'ul',
            { class: 'host-log' },
            heard.value.map((line, index) => h('li', { key: index }, line)),
          ),
        ]);
    },
  });
  const app = createApp(Portal, { options });
  app.mount(container);
  return {
    showOrg: (next) => {
      org.value = next;
    },
    unmount: () => app.unmount(),
  };
};
