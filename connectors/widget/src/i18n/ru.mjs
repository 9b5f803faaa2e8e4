/**
 * Widget strings in Русский (ru), translated from STRINGS_DE in ../i18n.mjs.
 *
 * source: version of the German text (first 12 hex digits of its SHA-256);
 * reviewed: false until a reviewer signs the translation off.
 */
export default Object.freeze({
  meta: Object.freeze({ name: "Русский", dir: "ltr" }),
  strings: Object.freeze({
    regionLabel: { source: "2cbfd6243432", reviewed: false, text: "Чат {title}" },
    launcherHint: { source: "24ccba75b348", reviewed: false, text: "Есть вопросы? Напишите нам" },
    close: { source: "dc3d6ee2b429", reviewed: false, text: "Закрыть чат" },
    endConversation: { source: "1dd0fdc6c77c", reviewed: false, text: "Завершить и удалить разговор" },
    confirmQuestion: { source: "6a64e1b297d2", reviewed: false, text: "Действительно завершить разговор? Все сообщения в этом окне будут удалены." },
    confirmYes: { source: "00796fc4bdac", reviewed: false, text: "Да, удалить" },
    confirmNo: { source: "f7ff1178af20", reviewed: false, text: "Отмена" },
    privacyTitle: { source: "f624fcf0dcbb", reviewed: false, text: "Защита данных" },
    privacyText: { source: "9d68e3a73eea", reviewed: false, text: "Этот чат анонимный. Пожалуйста, не пишите имён, адресов или сведений о здоровье, пока не запишетесь на встречу." },
    privacyWhere: { source: "3fa65df57bd4", reviewed: false, text: "Ваши сообщения поступают только на сервер чата {operator}. Только когда вы запишетесь на встречу, Jugendamt и Jobcenter получат ваше имя и контактные данные." },
    privacyStorage: { source: "c2d9f318269e", reviewed: false, text: "Мы не используем файлы cookie. История остаётся только в этой вкладке браузера. «Завершить и удалить разговор» удаляет её и на сервере." },
    operatorDefault: { source: "d31cf7845cd1", reviewed: false, text: "городской администрации" },
    linksLabel: { source: "10a8813fc576", reviewed: false, text: "Дополнительная информация" },
    privacyLink: { source: "f624fcf0dcbb", reviewed: false, text: "Защита данных (на немецком)" },
    accessibilityLink: { source: "4e0b1087084f", reviewed: false, text: "Доступность (на немецком)" },
    easyLanguageLink: { source: "f5913f394802", reviewed: false, text: "Einfache Sprache (простой немецкий)" },
    logLabel: { source: "ed61270863c4", reviewed: false, text: "История разговора" },
    scrollLabel: { source: "2ebaa18a53e8", reviewed: false, text: "Примечания и сообщения" },
    senderBot: { source: "a0f8ed23aa9b", reviewed: false, text: "{title}:" },
    senderUser: { source: "406bae384bd1", reviewed: false, text: "Вы:" },
    quickRepliesLabel: { source: "375ecf6a7875", reviewed: false, text: "Варианты ответа" },
    chosen: { source: "a5d85a102d41", reviewed: false, text: "(выбрано)" },
    newTab: { source: "d4ae9e91ce3b", reviewed: false, text: "(открывается в новой вкладке)" },
    typing: { source: "3cee24f37ed2", reviewed: false, text: "{title} пишет …" },
    inputLabel: { source: "a20cc9e12ce6", reviewed: false, text: "Ваше сообщение" },
    inputPlaceholder: { source: "030d41b2d21a", reviewed: false, text: "Напишите сообщение …" },
    send: { source: "079bef4e232f", reviewed: false, text: "Отправить" },
    connecting: { source: "d763d79afe32", reviewed: false, text: "Подключение …" },
    reconnecting: { source: "dc68eb06d53e", reviewed: false, text: "Соединение прервано – пробуем ещё раз …" },
    unavailable: { source: "3ba4aa7ec21f", reviewed: false, text: "Чат сейчас недоступен. Мы продолжаем попытки." },
    loadFailed: { source: "a04c3da9b9b4", reviewed: false, text: "Не удалось загрузить чат. Пожалуйста, перезагрузите страницу." },
    slowReply: { source: "73f1acdbd9c0", reviewed: false, text: "Ответ занимает больше времени, чем обычно. Пожалуйста, попробуйте ещё раз через минуту." },
    fallbackPrefix: { source: "af793b37579d", reviewed: false, text: "Вы также можете связаться с нами так:" },
    conversationDeleted: { source: "ae8ca4469f0c", reviewed: false, text: "Разговор удалён. Начинается новый разговор." },
    deleting: { source: "b464663a2333", reviewed: false, text: "Разговор удаляется …" },
    deleteFailed: { source: "aaf48e97b30d", reviewed: false, text: "Сейчас не удалось удалить разговор. Пожалуйста, попробуйте ещё раз через минуту. Если вы закроете эту вкладку браузера, история в этом браузере будет удалена." },
    languageLabel: { source: "f2a1cc71fa59", reviewed: false, text: "Язык" },
    languageNotice: { source: "17e8fff410bf", reviewed: false, text: "Переведённые тексты ещё не проверены человеком. Обязательным является немецкий текст: выберите «Deutsch», чтобы его прочитать." },
  }),
});
