/** Summary version words (screens/summary.ts): the agreed text named by its version throughout. fr es ru ar zh: the team's translation, not reviewed by a UN language service. */
import { screenMessages } from './define.ts';

export const summaryVersion = screenMessages({
  en: {
    'summaryVersion.draft': 'version {version}',
    'summaryVersion.agreedText': 'agreed text: version {version}, agreed on {date}',
    'summaryVersion.issue': 'this issue: document version {issue}, the same text with the stamp “{stamp}”',
    'summaryVersion.stamp.agreed': 'agreed',
    'summaryVersion.stamp.published': 'published',
    'summaryVersion.publish': 'Publish the agreed text (version {version})',
    'summaryVersion.publishConfirm':
      'Publish the summary of {state}, the text agreed as version {version}? It becomes public on the published summaries page.',
    'summaryVersion.published':
      'Published: the text agreed as version {version}, with the stamp “published”.',
  },
  fr: {
    'summaryVersion.draft': 'version {version}',
    'summaryVersion.agreedText': 'texte adopté : version {version}, adoptée le {date}',
    'summaryVersion.issue':
      'ce tirage : version de document {issue}, le même texte avec la mention « {stamp} »',
    'summaryVersion.stamp.agreed': 'adopté',
    'summaryVersion.stamp.published': 'publié',
    'summaryVersion.publish': 'Publier le texte adopté (version {version})',
    'summaryVersion.publishConfirm':
      'Publier le résumé de {state}, le texte adopté en version {version} ? Il devient public sur la page des résumés publiés.',
    'summaryVersion.published': 'Publié : le texte adopté en version {version}, avec la mention « publié ».',
  },
  es: {
    'summaryVersion.draft': 'versión {version}',
    'summaryVersion.agreedText': 'texto aceptado: versión {version}, aceptada el {date}',
    'summaryVersion.issue':
      'esta edición: versión de documento {issue}, el mismo texto con el sello «{stamp}»',
    'summaryVersion.stamp.agreed': 'aceptado',
    'summaryVersion.stamp.published': 'publicado',
    'summaryVersion.publish': 'Publicar el texto aceptado (versión {version})',
    'summaryVersion.publishConfirm':
      '¿Publicar el resumen de {state}, el texto aceptado como versión {version}? Pasará a ser público en la página de resúmenes publicados.',
    'summaryVersion.published':
      'Publicado: el texto aceptado como versión {version}, con el sello «publicado».',
  },
  ru: {
    'summaryVersion.draft': 'версия {version}',
    'summaryVersion.agreedText': 'согласованный текст: версия {version}, согласована {date}',
    'summaryVersion.issue': 'этот выпуск: версия документа {issue}, тот же текст с отметкой «{stamp}»',
    'summaryVersion.stamp.agreed': 'согласовано',
    'summaryVersion.stamp.published': 'опубликовано',
    'summaryVersion.publish': 'Опубликовать согласованный текст (версия {version})',
    'summaryVersion.publishConfirm':
      'Опубликовать резюме по {state} — текст, согласованный как версия {version}? Оно станет общедоступным на странице опубликованных резюме.',
    'summaryVersion.published':
      'Опубликовано: текст, согласованный как версия {version}, с отметкой «опубликовано».',
  },
  ar: {
    'summaryVersion.draft': 'الإصدار {version}',
    'summaryVersion.agreedText': 'النص المتفق عليه: الإصدار {version}، المتفق عليه في {date}',
    'summaryVersion.issue': 'هذا الإصدار: إصدار الوثيقة {issue}، النص نفسه مع ختم "{stamp}"',
    'summaryVersion.stamp.agreed': 'متفق عليه',
    'summaryVersion.stamp.published': 'منشور',
    'summaryVersion.publish': 'نشر النص المتفق عليه (الإصدار {version})',
    'summaryVersion.publishConfirm':
      'هل تريد نشر موجز {state}، وهو النص المتفق عليه بوصفه الإصدار {version}؟ سيصبح متاحًا للجمهور في صفحة الموجزات المنشورة.',
    'summaryVersion.published': 'تم النشر: النص المتفق عليه بوصفه الإصدار {version}، مع ختم "منشور".',
  },
  zh: {
    'summaryVersion.draft': '第 {version} 版',
    'summaryVersion.agreedText': '商定文本：第 {version} 版，于 {date} 商定',
    'summaryVersion.issue': '本次印发：文件第 {issue} 版，文本相同，加盖“{stamp}”标记',
    'summaryVersion.stamp.agreed': '已商定',
    'summaryVersion.stamp.published': '已公布',
    'summaryVersion.publish': '公布商定文本（第 {version} 版）',
    'summaryVersion.publishConfirm':
      '公布 {state} 的摘要，即商定的第 {version} 版文本？它将在已公布摘要页面上公开。',
    'summaryVersion.published': '已公布：商定的第 {version} 版文本，加盖“已公布”标记。',
  },
});
