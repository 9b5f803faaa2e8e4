/**
 * Widget strings in Українська (uk), translated from STRINGS_DE in ../i18n.mjs.
 *
 * source: version of the German text (first 12 hex digits of its SHA-256);
 * reviewed: false until a reviewer signs the translation off.
 */
export default Object.freeze({
  meta: Object.freeze({ name: "Українська", dir: "ltr" }),
  strings: Object.freeze({
    regionLabel: { source: "2cbfd6243432", reviewed: false, text: "Чат {title}" },
    launcherHint: { source: "24ccba75b348", reviewed: false, text: "Є запитання? Напишіть нам" },
    close: { source: "dc3d6ee2b429", reviewed: false, text: "Закрити чат" },
    endConversation: { source: "1dd0fdc6c77c", reviewed: false, text: "Завершити й видалити розмову" },
    confirmQuestion: { source: "6a64e1b297d2", reviewed: false, text: "Справді завершити розмову? Усі повідомлення в цьому вікні буде видалено." },
    confirmYes: { source: "00796fc4bdac", reviewed: false, text: "Так, видалити" },
    confirmNo: { source: "f7ff1178af20", reviewed: false, text: "Скасувати" },
    privacyTitle: { source: "f624fcf0dcbb", reviewed: false, text: "Захист даних" },
    privacyText: { source: "9d68e3a73eea", reviewed: false, text: "Цей чат анонімний. Будь ласка, не пишіть імен, адрес чи відомостей про здоров'я, доки не запишетеся на зустріч." },
    privacyWhere: { source: "3fa65df57bd4", reviewed: false, text: "Ваші повідомлення надходять лише на сервер чату {operator}. Лише коли ви запишетеся на зустріч, Jugendamt і Jobcenter отримають ваше ім'я та контактні дані." },
    privacyStorage: { source: "c2d9f318269e", reviewed: false, text: "Ми не використовуємо файли cookie. Історія залишається лише в цій вкладці браузера. «Завершити й видалити розмову» видаляє її і на сервері." },
    operatorDefault: { source: "d31cf7845cd1", reviewed: false, text: "міської адміністрації" },
    linksLabel: { source: "10a8813fc576", reviewed: false, text: "Додаткова інформація" },
    privacyLink: { source: "f624fcf0dcbb", reviewed: false, text: "Захист даних (німецькою)" },
    accessibilityLink: { source: "4e0b1087084f", reviewed: false, text: "Доступність (німецькою)" },
    easyLanguageLink: { source: "f5913f394802", reviewed: false, text: "Einfache Sprache (проста німецька)" },
    logLabel: { source: "ed61270863c4", reviewed: false, text: "Історія розмови" },
    scrollLabel: { source: "2ebaa18a53e8", reviewed: false, text: "Примітки й повідомлення" },
    senderBot: { source: "a0f8ed23aa9b", reviewed: false, text: "{title}:" },
    senderUser: { source: "406bae384bd1", reviewed: false, text: "Ви:" },
    quickRepliesLabel: { source: "375ecf6a7875", reviewed: false, text: "Варіанти відповіді" },
    chosen: { source: "a5d85a102d41", reviewed: false, text: "(вибрано)" },
    newTab: { source: "d4ae9e91ce3b", reviewed: false, text: "(відкривається в новій вкладці)" },
    typing: { source: "3cee24f37ed2", reviewed: false, text: "{title} пише …" },
    inputLabel: { source: "a20cc9e12ce6", reviewed: false, text: "Ваше повідомлення" },
    inputPlaceholder: { source: "030d41b2d21a", reviewed: false, text: "Напишіть повідомлення …" },
    send: { source: "079bef4e232f", reviewed: false, text: "Надіслати" },
    connecting: { source: "d763d79afe32", reviewed: false, text: "З'єднання …" },
    reconnecting: { source: "dc68eb06d53e", reviewed: false, text: "З'єднання перервано – пробуємо ще раз …" },
    unavailable: { source: "3ba4aa7ec21f", reviewed: false, text: "Чат зараз недоступний. Ми продовжуємо спроби." },
    loadFailed: { source: "a04c3da9b9b4", reviewed: false, text: "Не вдалося завантажити чат. Будь ласка, перезавантажте сторінку." },
    slowReply: { source: "73f1acdbd9c0", reviewed: false, text: "Відповідь триває довше, ніж зазвичай. Будь ласка, спробуйте ще раз за мить." },
    fallbackPrefix: { source: "af793b37579d", reviewed: false, text: "Ви також можете зв'язатися з нами так:" },
    conversationDeleted: { source: "ae8ca4469f0c", reviewed: false, text: "Розмову видалено. Починається нова розмова." },
    deleting: { source: "b464663a2333", reviewed: false, text: "Розмова видаляється …" },
    deleteFailed: { source: "aaf48e97b30d", reviewed: false, text: "Зараз не вдалося видалити розмову. Будь ласка, спробуйте ще раз за мить. Якщо ви закриєте цю вкладку браузера, історію в цьому браузері буде видалено." },
    languageLabel: { source: "f2a1cc71fa59", reviewed: false, text: "Мова" },
    languageNotice: { source: "17e8fff410bf", reviewed: false, text: "Перекладені тексти ще не перевірила людина. Обов'язковим є німецький текст: виберіть «Deutsch», щоб його прочитати." },
  }),
});
