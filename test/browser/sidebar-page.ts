/** The sidebar page server lives beside the sidebar's build, for `npm run store` too. */
export { RPC_PATH, type SidebarPage, startSidebarPage } from "../../scripts/sidebar-page.ts";
