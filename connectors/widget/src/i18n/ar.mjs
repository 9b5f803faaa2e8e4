/**
 * Widget strings in العربية (ar), translated from STRINGS_DE in ../i18n.mjs.
 *
 * source: version of the German text (first 12 hex digits of its SHA-256);
 * reviewed: false until a reviewer signs the translation off.
 */
export default Object.freeze({
  meta: Object.freeze({ name: "العربية", dir: "rtl" }),
  strings: Object.freeze({
    regionLabel: { source: "2cbfd6243432", reviewed: false, text: "محادثة {title}" },
    launcherHint: { source: "24ccba75b348", reviewed: false, text: "أسئلة؟ اكتب لنا" },
    close: { source: "dc3d6ee2b429", reviewed: false, text: "إغلاق المحادثة" },
    endConversation: { source: "1dd0fdc6c77c", reviewed: false, text: "إنهاء المحادثة وحذفها" },
    confirmQuestion: { source: "6a64e1b297d2", reviewed: false, text: "هل تريد حقاً إنهاء المحادثة؟ ستُحذف كل الرسائل في هذه النافذة." },
    confirmYes: { source: "00796fc4bdac", reviewed: false, text: "نعم، احذف" },
    confirmNo: { source: "f7ff1178af20", reviewed: false, text: "إلغاء" },
    privacyTitle: { source: "f624fcf0dcbb", reviewed: false, text: "حماية البيانات" },
    privacyText: { source: "9d68e3a73eea", reviewed: false, text: "هذه المحادثة مجهولة الهوية. يُرجى عدم كتابة أسماء أو عناوين أو معلومات صحية حتى تحجز موعداً." },
    privacyWhere: { source: "3fa65df57bd4", reviewed: false, text: "تذهب رسائلك فقط إلى خادم المحادثة التابع لـ {operator}. فقط عندما تحجز موعداً يحصل مكتب رعاية الشباب (Jugendamt) ومركز التوظيف (Jobcenter) على اسمك وبيانات التواصل." },
    privacyStorage: { source: "c2d9f318269e", reviewed: false, text: "لا نستخدم ملفات تعريف الارتباط. يبقى السجل فقط في علامة تبويب المتصفح هذه. „إنهاء المحادثة وحذفها“ يحذفه أيضاً من الخادم." },
    operatorDefault: { source: "d31cf7845cd1", reviewed: false, text: "إدارة المدينة" },
    linksLabel: { source: "10a8813fc576", reviewed: false, text: "معلومات إضافية" },
    privacyLink: { source: "f624fcf0dcbb", reviewed: false, text: "حماية البيانات (بالألمانية)" },
    accessibilityLink: { source: "4e0b1087084f", reviewed: false, text: "إمكانية الوصول (بالألمانية)" },
    easyLanguageLink: { source: "f5913f394802", reviewed: false, text: "Einfache Sprache (ألمانية مبسطة)" },
    logLabel: { source: "ed61270863c4", reviewed: false, text: "سجل المحادثة" },
    scrollLabel: { source: "2ebaa18a53e8", reviewed: false, text: "ملاحظات ورسائل" },
    senderBot: { source: "a0f8ed23aa9b", reviewed: false, text: "{title}:" },
    senderUser: { source: "406bae384bd1", reviewed: false, text: "أنت:" },
    quickRepliesLabel: { source: "375ecf6a7875", reviewed: false, text: "خيارات الإجابة" },
    chosen: { source: "a5d85a102d41", reviewed: false, text: "(تم الاختيار)" },
    newTab: { source: "d4ae9e91ce3b", reviewed: false, text: "(يفتح في علامة تبويب جديدة)" },
    typing: { source: "3cee24f37ed2", reviewed: false, text: "{title} يكتب …" },
    inputLabel: { source: "a20cc9e12ce6", reviewed: false, text: "رسالتك" },
    inputPlaceholder: { source: "030d41b2d21a", reviewed: false, text: "اكتب رسالة …" },
    send: { source: "079bef4e232f", reviewed: false, text: "إرسال" },
    connecting: { source: "d763d79afe32", reviewed: false, text: "جارٍ الاتصال …" },
    reconnecting: { source: "dc68eb06d53e", reviewed: false, text: "انقطع الاتصال – نحاول مرة أخرى …" },
    unavailable: { source: "3ba4aa7ec21f", reviewed: false, text: "لا يمكن الوصول إلى المحادثة حالياً. سنواصل المحاولة." },
    loadFailed: { source: "a04c3da9b9b4", reviewed: false, text: "تعذر تحميل المحادثة. يُرجى إعادة تحميل الصفحة." },
    slowReply: { source: "73f1acdbd9c0", reviewed: false, text: "الإجابة تستغرق وقتاً أطول من المعتاد. يُرجى المحاولة مرة أخرى بعد قليل." },
    fallbackPrefix: { source: "af793b37579d", reviewed: false, text: "يمكنك أيضاً التواصل معنا هكذا:" },
    conversationDeleted: { source: "ae8ca4469f0c", reviewed: false, text: "تم حذف المحادثة. تبدأ محادثة جديدة." },
    deleting: { source: "b464663a2333", reviewed: false, text: "جارٍ حذف المحادثة …" },
    deleteFailed: { source: "aaf48e97b30d", reviewed: false, text: "تعذر حذف المحادثة الآن. يُرجى المحاولة مرة أخرى بعد قليل. إذا أغلقت علامة تبويب المتصفح هذه، يُحذف السجل من هذا المتصفح." },
    languageLabel: { source: "f2a1cc71fa59", reviewed: false, text: "اللغة" },
    languageNotice: { source: "17e8fff410bf", reviewed: false, text: "لم يراجع إنسان النصوص المترجمة بعد. النص الألماني هو الملزم: اختر „Deutsch“ لقراءته." },
  }),
});
