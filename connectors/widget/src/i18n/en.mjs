/**
 * Widget strings in English (en), translated from STRINGS_DE in ../i18n.mjs.
 *
 * source: version of the German text (first 12 hex digits of its SHA-256);
 * reviewed: false until a reviewer signs the translation off.
 */
export default Object.freeze({
  meta: Object.freeze({ name: "English", dir: "ltr" }),
  strings: Object.freeze({
    regionLabel: { source: "2cbfd6243432", reviewed: false, text: "Chat {title}" },
    launcherHint: { source: "24ccba75b348", reviewed: false, text: "Questions? Write to us" },
    close: { source: "dc3d6ee2b429", reviewed: false, text: "Close chat" },
    endConversation: { source: "1dd0fdc6c77c", reviewed: false, text: "End and delete conversation" },
    confirmQuestion: { source: "6a64e1b297d2", reviewed: false, text: "Really end the conversation? All messages in this window will be deleted." },
    confirmYes: { source: "00796fc4bdac", reviewed: false, text: "Yes, delete" },
    confirmNo: { source: "f7ff1178af20", reviewed: false, text: "Cancel" },
    privacyTitle: { source: "f624fcf0dcbb", reviewed: false, text: "Data protection" },
    privacyText: { source: "9d68e3a73eea", reviewed: false, text: "This chat is anonymous. Please do not write names, addresses or health details until you book an appointment." },
    privacyWhere: { source: "3fa65df57bd4", reviewed: false, text: "Your messages only go to the chat server of {operator}. Only when you book an appointment do the Jugendamt and the Jobcenter receive your name and contact details." },
    privacyStorage: { source: "c2d9f318269e", reviewed: false, text: "We set no cookies. The history stays only in this browser tab. “End and delete conversation” also deletes it on the server." },
    operatorDefault: { source: "d31cf7845cd1", reviewed: false, text: "the city administration" },
    linksLabel: { source: "10a8813fc576", reviewed: false, text: "More information" },
    privacyLink: { source: "f624fcf0dcbb", reviewed: false, text: "Data protection (in German)" },
    accessibilityLink: { source: "4e0b1087084f", reviewed: false, text: "Accessibility (in German)" },
    easyLanguageLink: { source: "f5913f394802", reviewed: false, text: "Einfache Sprache (easy German)" },
    logLabel: { source: "ed61270863c4", reviewed: false, text: "Conversation" },
    scrollLabel: { source: "2ebaa18a53e8", reviewed: false, text: "Notes and messages" },
    senderBot: { source: "a0f8ed23aa9b", reviewed: false, text: "{title}:" },
    senderUser: { source: "406bae384bd1", reviewed: false, text: "You:" },
    quickRepliesLabel: { source: "375ecf6a7875", reviewed: false, text: "Answer options" },
    chosen: { source: "a5d85a102d41", reviewed: false, text: "(chosen)" },
    newTab: { source: "d4ae9e91ce3b", reviewed: false, text: "(opens in a new tab)" },
    typing: { source: "3cee24f37ed2", reviewed: false, text: "{title} is typing …" },
    inputLabel: { source: "a20cc9e12ce6", reviewed: false, text: "Your message" },
    inputPlaceholder: { source: "030d41b2d21a", reviewed: false, text: "Write a message …" },
    send: { source: "079bef4e232f", reviewed: false, text: "Send" },
    connecting: { source: "d763d79afe32", reviewed: false, text: "Connecting …" },
    reconnecting: { source: "dc68eb06d53e", reviewed: false, text: "Connection lost – we are trying again …" },
    unavailable: { source: "3ba4aa7ec21f", reviewed: false, text: "The chat cannot be reached right now. We keep trying." },
    loadFailed: { source: "a04c3da9b9b4", reviewed: false, text: "The chat could not be loaded. Please reload the page." },
    slowReply: { source: "73f1acdbd9c0", reviewed: false, text: "The answer is taking longer than usual. Please try again in a moment." },
    fallbackPrefix: { source: "af793b37579d", reviewed: false, text: "You can also reach us like this:" },
    conversationDeleted: { source: "ae8ca4469f0c", reviewed: false, text: "The conversation has been deleted. A new conversation begins." },
    deleting: { source: "b464663a2333", reviewed: false, text: "The conversation is being deleted …" },
    deleteFailed: { source: "aaf48e97b30d", reviewed: false, text: "The conversation could not be deleted right now. Please try again in a moment. If you close this browser tab, the history in this browser is deleted." },
    languageLabel: { source: "f2a1cc71fa59", reviewed: false, text: "Language" },
    languageNotice: { source: "17e8fff410bf", reviewed: false, text: "Translated texts have not been checked by a person yet. The German text is binding: choose “Deutsch” to read it." },
  }),
});
