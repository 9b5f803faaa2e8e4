/**
 * Widget strings in Türkçe (tr), translated from STRINGS_DE in ../i18n.mjs.
 *
 * source: version of the German text (first 12 hex digits of its SHA-256);
 * reviewed: false until a reviewer signs the translation off.
 */
export default Object.freeze({
  meta: Object.freeze({ name: "Türkçe", dir: "ltr" }),
  strings: Object.freeze({
    regionLabel: { source: "2cbfd6243432", reviewed: false, text: "Sohbet {title}" },
    launcherHint: { source: "24ccba75b348", reviewed: false, text: "Sorunuz mu var? Bize yazın" },
    close: { source: "dc3d6ee2b429", reviewed: false, text: "Sohbeti kapat" },
    endConversation: { source: "1dd0fdc6c77c", reviewed: false, text: "Sohbeti bitir ve sil" },
    confirmQuestion: { source: "6a64e1b297d2", reviewed: false, text: "Sohbet gerçekten bitirilsin mi? Bu penceredeki tüm mesajlar silinecek." },
    confirmYes: { source: "00796fc4bdac", reviewed: false, text: "Evet, sil" },
    confirmNo: { source: "f7ff1178af20", reviewed: false, text: "Vazgeç" },
    privacyTitle: { source: "f624fcf0dcbb", reviewed: false, text: "Veri koruma" },
    privacyText: { source: "9d68e3a73eea", reviewed: false, text: "Bu sohbet anonimdir. Lütfen randevu alana kadar isim, adres veya sağlık bilgisi yazmayın." },
    privacyWhere: { source: "3fa65df57bd4", reviewed: false, text: "Mesajlarınız sadece {operator} sohbet sunucusuna gider. Jugendamt ve Jobcenter adınızı ve iletişim bilgilerinizi ancak randevu aldığınızda alır." },
    privacyStorage: { source: "c2d9f318269e", reviewed: false, text: "Çerez kullanmıyoruz. Geçmiş sadece bu tarayıcı sekmesinde kalır. „Sohbeti bitir ve sil“ onu sunucuda da siler." },
    operatorDefault: { source: "d31cf7845cd1", reviewed: false, text: "belediye yönetiminin" },
    linksLabel: { source: "10a8813fc576", reviewed: false, text: "Daha fazla bilgi" },
    privacyLink: { source: "f624fcf0dcbb", reviewed: false, text: "Veri koruma (Almanca)" },
    accessibilityLink: { source: "4e0b1087084f", reviewed: false, text: "Erişilebilirlik (Almanca)" },
    easyLanguageLink: { source: "f5913f394802", reviewed: false, text: "Einfache Sprache (kolay Almanca)" },
    logLabel: { source: "ed61270863c4", reviewed: false, text: "Sohbet geçmişi" },
    scrollLabel: { source: "2ebaa18a53e8", reviewed: false, text: "Notlar ve mesajlar" },
    senderBot: { source: "a0f8ed23aa9b", reviewed: false, text: "{title}:" },
    senderUser: { source: "406bae384bd1", reviewed: false, text: "Siz:" },
    quickRepliesLabel: { source: "375ecf6a7875", reviewed: false, text: "Cevap seçenekleri" },
    chosen: { source: "a5d85a102d41", reviewed: false, text: "(seçildi)" },
    newTab: { source: "d4ae9e91ce3b", reviewed: false, text: "(yeni sekmede açılır)" },
    typing: { source: "3cee24f37ed2", reviewed: false, text: "{title} yazıyor …" },
    inputLabel: { source: "a20cc9e12ce6", reviewed: false, text: "Mesajınız" },
    inputPlaceholder: { source: "030d41b2d21a", reviewed: false, text: "Mesaj yazın …" },
    send: { source: "079bef4e232f", reviewed: false, text: "Gönder" },
    connecting: { source: "d763d79afe32", reviewed: false, text: "Bağlanıyor …" },
    reconnecting: { source: "dc68eb06d53e", reviewed: false, text: "Bağlantı kesildi – tekrar deniyoruz …" },
    unavailable: { source: "3ba4aa7ec21f", reviewed: false, text: "Sohbete şu anda ulaşılamıyor. Denemeye devam ediyoruz." },
    loadFailed: { source: "a04c3da9b9b4", reviewed: false, text: "Sohbet yüklenemedi. Lütfen sayfayı yeniden yükleyin." },
    slowReply: { source: "73f1acdbd9c0", reviewed: false, text: "Cevap her zamankinden uzun sürüyor. Lütfen birazdan tekrar deneyin." },
    fallbackPrefix: { source: "af793b37579d", reviewed: false, text: "Bize şu şekilde de ulaşabilirsiniz:" },
    conversationDeleted: { source: "ae8ca4469f0c", reviewed: false, text: "Sohbet silindi. Yeni bir sohbet başlıyor." },
    deleting: { source: "b464663a2333", reviewed: false, text: "Sohbet siliniyor …" },
    deleteFailed: { source: "aaf48e97b30d", reviewed: false, text: "Sohbet şu anda silinemedi. Lütfen birazdan tekrar deneyin. Bu tarayıcı sekmesini kapatırsanız bu tarayıcıdaki geçmiş silinir." },
    languageLabel: { source: "f2a1cc71fa59", reviewed: false, text: "Dil" },
    languageNotice: { source: "17e8fff410bf", reviewed: false, text: "Çevrilmiş metinler henüz bir insan tarafından kontrol edilmedi. Bağlayıcı olan Almanca metindir: okumak için „Deutsch“u seçin." },
  }),
});
