export default defineBackground(() => {
  // Wired in src/background (context menu, action, messaging).
});
