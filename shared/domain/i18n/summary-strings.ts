/**
 * Headings and boilerplate of country review summaries in the six UN languages.
 *
 * Only the platform's own words live here; body text (observation texts, State names,
 * article titles, the self-assessment overview) is never translated and stays as written.
 * Templates use `{name}` placeholders, filled by `fill()`. Every language must use exactly
 * the placeholders of the English template (a unit test checks it).
 *
 * The wording follows the terms of COP resolutions 9/1 and 10/1 and of the UNCAC executive
 * summaries as far as we know them; it should be checked by a UN language service before a
 * summary is published in that language.
 */

import type { SummaryLifecycle } from '#shared/domain/summary/input.ts';
import {
  type FourP,
  INSTRUMENT_NAMES,
  type Instrument,
  type Language,
  type LegalSystem,
  type ObservationKind,
  type RegionalGroup,
} from '#shared/domain/types.ts';

export interface SummaryStrings {
  /** Document title; placeholder {state}. */
  title: string;
  /** Sub-title naming what the summary covers; placeholder {scope}. */
  subtitle: string;
  sections: {
    introduction: string;
    successes: string;
    challenges: string;
    taNeeds: string;
  };
  contents: string;
  intro: {
    reviewedState: string;
    regionalGroup: string;
    legalSystem: string;
    instruments: string;
    cycle: string;
    reviewPeriod: string;
    /** placeholders {from} {to} (ISO dates). */
    periodRange: string;
    reviewingStates: string;
    selfAssessment: string;
    scope: string;
    status: string;
    /** placeholders {version} {date}: the agreed text, named on agreed and published issues. */
    agreedText: string;
  };
  scope: {
    combined: string;
    /** placeholder {n}. */
    cluster: string;
  };
  /** Boilerplate paragraph that opens the introduction. */
  basis: string;
  noEntries: string;
  /** Short label of the link from a statement to its observation(s). */
  source: string;
  /** Label of an article; placeholder {n} (e.g. "5"). */
  article: string;
  /** Label after a title shown in English because no translation exists. */
  englishOriginal: string;
  /** Footer / page label; placeholders {page} {pages}. */
  page: string;
  kinds: Record<ObservationKind, string>;
  lifecycle: Record<SummaryLifecycle, string>;
  groups: Record<RegionalGroup | 'none', string>;
  legalSystems: Record<LegalSystem, string>;
  /** Short names of the instruments, used in article headings. */
  instrumentShort: Record<Instrument, string>;
  /** Full official names of the instruments. */
  instrumentNames: Record<Instrument, string>;
  fourPs: Record<FourP, string>;
}

const en: SummaryStrings = {
  title: 'Summary of the list of observations: {state}',
  subtitle: 'Country review — {scope}',
  sections: {
    introduction: 'Introduction',
    successes: 'Successes and good practices',
    challenges: 'Challenges and recommendations',
    taNeeds: 'Technical assistance needs',
  },
  contents: 'Contents',
  intro: {
    reviewedState: 'State under review',
    regionalGroup: 'Regional group',
    legalSystem: 'Legal system',
    instruments: 'Instruments under review',
    cycle: 'Review cycle',
    reviewPeriod: 'Review period',
    periodRange: '{from} to {to}',
    reviewingStates: 'Reviewing States',
    selfAssessment: 'From the self-assessment',
    scope: 'Scope',
    status: 'Status',
    agreedText: 'the text agreed as version {version} on {date}',
  },
  scope: { combined: 'all instruments and clusters', cluster: 'cluster {n}' },
  basis:
    'This summary is based on the agreed list of observations and on the self-assessment of the State under review. Each statement links to the observation it came from.',
  noEntries: 'No entries.',
  source: 'Observation',
  article: 'Article {n}',
  englishOriginal: 'English original',
  page: 'Page {page} of {pages}',
  kinds: {
    'good-practice': 'Good practice',
    challenge: 'Challenge',
    recommendation: 'Recommendation',
    'ta-need': 'Technical assistance need',
  },
  lifecycle: {
    draft: 'Draft',
    agreed: 'Agreed by the State under review',
    published: 'Published by the secretariat',
  },
  groups: {
    African: 'African States',
    'Asia-Pacific': 'Asia-Pacific States',
    'Eastern European': 'Eastern European States',
    GRULAC: 'Latin American and Caribbean States',
    WEOG: 'Western European and other States',
    none: 'No regional group',
  },
  legalSystems: {
    'civil-law': 'Civil law',
    'common-law': 'Common law',
    mixed: 'Mixed',
    'islamic-law': 'Islamic law',
    other: 'Other',
  },
  instrumentShort: {
    UNTOC: 'Convention',
    TIP: 'Trafficking in Persons Protocol',
    SOM: 'Smuggling of Migrants Protocol',
    FIREARMS: 'Firearms Protocol',
  },
  instrumentNames: INSTRUMENT_NAMES,
  fourPs: {
    prevention: 'Prevention',
    prosecution: 'Prosecution',
    protection: 'Protection',
    partnership: 'Partnership',
  },
};

const fr: SummaryStrings = {
  title: "Résumé de la liste d'observations : {state}",
  subtitle: 'Examen de pays — {scope}',
  sections: {
    introduction: 'Introduction',
    successes: 'Succès et bonnes pratiques',
    challenges: 'Difficultés et recommandations',
    taNeeds: "Besoins d'assistance technique",
  },
  contents: 'Table des matières',
  intro: {
    reviewedState: 'État examiné',
    regionalGroup: 'Groupe régional',
    legalSystem: 'Système juridique',
    instruments: 'Instruments examinés',
    cycle: "Cycle d'examen",
    reviewPeriod: "Période d'examen",
    periodRange: 'du {from} au {to}',
    reviewingStates: 'États examinateurs',
    selfAssessment: "Extrait de l'auto-évaluation",
    scope: 'Portée',
    status: 'Statut',
    agreedText: 'texte adopté en tant que version {version} le {date}',
  },
  scope: { combined: 'tous les instruments et groupes thématiques', cluster: 'groupe thématique {n}' },
  basis:
    "Le présent résumé est fondé sur la liste d'observations approuvée et sur l'auto-évaluation de l'État examiné. Chaque énoncé renvoie à l'observation dont il est issu.",
  noEntries: 'Aucune entrée.',
  source: 'Observation',
  article: 'Article {n}',
  englishOriginal: 'original anglais',
  page: 'Page {page} sur {pages}',
  kinds: {
    'good-practice': 'Bonne pratique',
    challenge: 'Difficulté',
    recommendation: 'Recommandation',
    'ta-need': "Besoin d'assistance technique",
  },
  lifecycle: {
    draft: 'Projet',
    agreed: "Approuvé par l'État examiné",
    published: 'Publié par le secrétariat',
  },
  groups: {
    African: "Groupe des États d'Afrique",
    'Asia-Pacific': "Groupe des États d'Asie et du Pacifique",
    'Eastern European': "Groupe des États d'Europe orientale",
    GRULAC: "Groupe des États d'Amérique latine et des Caraïbes",
    WEOG: "Groupe des États d'Europe occidentale et autres États",
    none: 'Aucun groupe régional',
  },
  legalSystems: {
    'civil-law': 'Droit civil',
    'common-law': 'Common law',
    mixed: 'Mixte',
    'islamic-law': 'Droit islamique',
    other: 'Autre',
  },
  instrumentShort: {
    UNTOC: 'Convention',
    TIP: 'Protocole relatif à la traite des personnes',
    SOM: 'Protocole relatif au trafic illicite de migrants',
    FIREARMS: 'Protocole relatif aux armes à feu',
  },
  instrumentNames: {
    UNTOC: 'Convention des Nations Unies contre la criminalité transnationale organisée',
    TIP: 'Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants',
    SOM: 'Protocole contre le trafic illicite de migrants par terre, air et mer',
    FIREARMS:
      "Protocole contre la fabrication et le trafic illicites d'armes à feu, de leurs pièces, éléments et munitions",
  },
  fourPs: {
    prevention: 'Prévention',
    prosecution: 'Poursuites',
    protection: 'Protection',
    partnership: 'Partenariat',
  },
};

const es: SummaryStrings = {
  title: 'Resumen de la lista de observaciones: {state}',
  subtitle: 'Examen del país — {scope}',
  sections: {
    introduction: 'Introducción',
    successes: 'Logros y buenas prácticas',
    challenges: 'Problemas y recomendaciones',
    taNeeds: 'Necesidades de asistencia técnica',
  },
  contents: 'Índice',
  intro: {
    reviewedState: 'Estado examinado',
    regionalGroup: 'Grupo regional',
    legalSystem: 'Sistema jurídico',
    instruments: 'Instrumentos examinados',
    cycle: 'Ciclo de examen',
    reviewPeriod: 'Período de examen',
    periodRange: 'del {from} al {to}',
    reviewingStates: 'Estados examinadores',
    selfAssessment: 'Según la autoevaluación',
    scope: 'Alcance',
    status: 'Estado del documento',
    agreedText: 'texto aceptado como versión {version} el {date}',
  },
  scope: { combined: 'todos los instrumentos y grupos temáticos', cluster: 'grupo temático {n}' },
  basis:
    'El presente resumen se basa en la lista de observaciones acordada y en la autoevaluación del Estado examinado. Cada enunciado remite a la observación de la que procede.',
  noEntries: 'Ninguna entrada.',
  source: 'Observación',
  article: 'Artículo {n}',
  englishOriginal: 'original en inglés',
  page: 'Página {page} de {pages}',
  kinds: {
    'good-practice': 'Buena práctica',
    challenge: 'Problema',
    recommendation: 'Recomendación',
    'ta-need': 'Necesidad de asistencia técnica',
  },
  lifecycle: {
    draft: 'Borrador',
    agreed: 'Aprobado por el Estado examinado',
    published: 'Publicado por la secretaría',
  },
  groups: {
    African: 'Grupo de los Estados de África',
    'Asia-Pacific': 'Grupo de los Estados de Asia y el Pacífico',
    'Eastern European': 'Grupo de los Estados de Europa Oriental',
    GRULAC: 'Grupo de los Estados de América Latina y el Caribe',
    WEOG: 'Grupo de los Estados de Europa Occidental y otros Estados',
    none: 'Ningún grupo regional',
  },
  legalSystems: {
    'civil-law': 'Derecho civil',
    'common-law': 'Common law',
    mixed: 'Mixto',
    'islamic-law': 'Derecho islámico',
    other: 'Otro',
  },
  instrumentShort: {
    UNTOC: 'Convención',
    TIP: 'Protocolo contra la trata de personas',
    SOM: 'Protocolo contra el tráfico ilícito de migrantes',
    FIREARMS: 'Protocolo sobre armas de fuego',
  },
  instrumentNames: {
    UNTOC: 'Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional',
    TIP: 'Protocolo para Prevenir, Reprimir y Sancionar la Trata de Personas, Especialmente Mujeres y Niños',
    SOM: 'Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire',
    FIREARMS:
      'Protocolo contra la Fabricación y el Tráfico Ilícitos de Armas de Fuego, sus Piezas y Componentes y Municiones',
  },
  fourPs: {
    prevention: 'Prevención',
    prosecution: 'Enjuiciamiento',
    protection: 'Protección',
    partnership: 'Alianzas',
  },
};

const ru: SummaryStrings = {
  title: 'Резюме перечня замечаний: {state}',
  subtitle: 'Страновой обзор — {scope}',
  sections: {
    introduction: 'Введение',
    successes: 'Успешные результаты и виды передовой практики',
    challenges: 'Проблемы и рекомендации',
    taNeeds: 'Потребности в технической помощи',
  },
  contents: 'Содержание',
  intro: {
    reviewedState: 'Государство, в отношении которого проводится обзор',
    regionalGroup: 'Региональная группа',
    legalSystem: 'Правовая система',
    instruments: 'Рассматриваемые документы',
    cycle: 'Цикл обзора',
    reviewPeriod: 'Период обзора',
    periodRange: 'с {from} по {to}',
    reviewingStates: 'Государства, проводящие обзор',
    selfAssessment: 'Из материалов самооценки',
    scope: 'Охват',
    status: 'Статус',
    agreedText: 'текст, согласованный как версия {version}, {date}',
  },
  scope: { combined: 'все документы и тематические блоки', cluster: 'тематический блок {n}' },
  basis:
    'Настоящее резюме основано на согласованном перечне замечаний и на самооценке государства, в отношении которого проводится обзор. Каждое положение содержит ссылку на замечание, из которого оно взято.',
  noEntries: 'Записи отсутствуют.',
  source: 'Замечание',
  article: 'Статья {n}',
  englishOriginal: 'оригинал на английском языке',
  page: 'Страница {page} из {pages}',
  kinds: {
    'good-practice': 'Передовая практика',
    challenge: 'Проблема',
    recommendation: 'Рекомендация',
    'ta-need': 'Потребность в технической помощи',
  },
  lifecycle: {
    draft: 'Проект',
    agreed: 'Согласовано государством, в отношении которого проводится обзор',
    published: 'Опубликовано секретариатом',
  },
  groups: {
    African: 'Группа африканских государств',
    'Asia-Pacific': 'Группа азиатско-тихоокеанских государств',
    'Eastern European': 'Группа восточноевропейских государств',
    GRULAC: 'Группа государств Латинской Америки и Карибского бассейна',
    WEOG: 'Группа западноевропейских и других государств',
    none: 'Не входит в региональную группу',
  },
  legalSystems: {
    'civil-law': 'Романо-германское право',
    'common-law': 'Общее право',
    mixed: 'Смешанная система',
    'islamic-law': 'Исламское право',
    other: 'Иная система',
  },
  instrumentShort: {
    UNTOC: 'Конвенция',
    TIP: 'Протокол о торговле людьми',
    SOM: 'Протокол о незаконном ввозе мигрантов',
    FIREARMS: 'Протокол об огнестрельном оружии',
  },
  instrumentNames: {
    UNTOC: 'Конвенция Организации Объединенных Наций против транснациональной организованной преступности',
    TIP: 'Протокол о предупреждении и пресечении торговли людьми, особенно женщинами и детьми, и наказании за нее',
    SOM: 'Протокол против незаконного ввоза мигрантов по суше, морю и воздуху',
    FIREARMS:
      'Протокол против незаконного изготовления и оборота огнестрельного оружия, его составных частей и компонентов, а также боеприпасов к нему',
  },
  fourPs: {
    prevention: 'Предупреждение',
    prosecution: 'Уголовное преследование',
    protection: 'Защита',
    partnership: 'Партнерство',
  },
};

const zh: SummaryStrings = {
  title: '意见清单摘要：{state}',
  subtitle: '国别审议 — {scope}',
  sections: {
    introduction: '导言',
    successes: '成功经验和良好做法',
    challenges: '挑战和建议',
    taNeeds: '技术援助需要',
  },
  contents: '目录',
  intro: {
    reviewedState: '被审议缔约国',
    regionalGroup: '区域组',
    legalSystem: '法律体系',
    instruments: '所审议的文书',
    cycle: '审议周期',
    reviewPeriod: '审议期间',
    periodRange: '{from}至{to}',
    reviewingStates: '审议缔约国',
    selfAssessment: '摘自自评报告',
    scope: '范围',
    status: '状态',
    agreedText: '于 {date} 商定的第 {version} 版文本',
  },
  scope: { combined: '所有文书和专题组', cluster: '第{n}专题组' },
  basis: '本摘要依据商定的意见清单和被审议缔约国的自评报告编写。每项陈述均链接至其所依据的意见。',
  noEntries: '无条目。',
  source: '意见',
  article: '第{n}条',
  englishOriginal: '英文原文',
  page: '第{page}页，共{pages}页',
  kinds: {
    'good-practice': '良好做法',
    challenge: '挑战',
    recommendation: '建议',
    'ta-need': '技术援助需要',
  },
  lifecycle: {
    draft: '草稿',
    agreed: '经被审议缔约国同意',
    published: '由秘书处发布',
  },
  groups: {
    African: '非洲国家组',
    'Asia-Pacific': '亚洲-太平洋国家组',
    'Eastern European': '东欧国家组',
    GRULAC: '拉丁美洲和加勒比国家组',
    WEOG: '西欧和其他国家组',
    none: '不属于任何区域组',
  },
  legalSystems: {
    'civil-law': '大陆法系',
    'common-law': '普通法系',
    mixed: '混合法系',
    'islamic-law': '伊斯兰法',
    other: '其他',
  },
  instrumentShort: {
    UNTOC: '公约',
    TIP: '贩运人口议定书',
    SOM: '偷运移民议定书',
    FIREARMS: '枪支议定书',
  },
  instrumentNames: {
    UNTOC: '联合国打击跨国有组织犯罪公约',
    TIP: '关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书',
    SOM: '关于打击陆、海、空偷运移民的补充议定书',
    FIREARMS: '关于打击非法制造和贩运枪支及其零部件和弹药的补充议定书',
  },
  fourPs: {
    prevention: '预防',
    prosecution: '起诉',
    protection: '保护',
    partnership: '伙伴关系',
  },
};

const ar: SummaryStrings = {
  title: 'موجز قائمة الملاحظات: {state}',
  subtitle: 'الاستعراض القُطري — {scope}',
  sections: {
    introduction: 'مقدمة',
    successes: 'النجاحات والممارسات الجيدة',
    challenges: 'التحديات والتوصيات',
    taNeeds: 'الاحتياجات من المساعدة التقنية',
  },
  contents: 'المحتويات',
  intro: {
    reviewedState: 'الدولة الخاضعة للاستعراض',
    regionalGroup: 'المجموعة الإقليمية',
    legalSystem: 'النظام القانوني',
    instruments: 'الصكوك المشمولة بالاستعراض',
    cycle: 'دورة الاستعراض',
    reviewPeriod: 'فترة الاستعراض',
    periodRange: 'من {from} إلى {to}',
    reviewingStates: 'الدول المستعرِضة',
    selfAssessment: 'من التقييم الذاتي',
    scope: 'النطاق',
    status: 'الحالة',
    agreedText: 'النص المتفق عليه بوصفه الإصدار {version} في {date}',
  },
  scope: { combined: 'جميع الصكوك والمجموعات المواضيعية', cluster: 'المجموعة المواضيعية {n}' },
  basis:
    'يستند هذا الموجز إلى قائمة الملاحظات المتفق عليها وإلى التقييم الذاتي للدولة الخاضعة للاستعراض. ويحيل كل بيان إلى الملاحظة التي استُمد منها.',
  noEntries: 'لا توجد بنود.',
  source: 'الملاحظة',
  article: 'المادة {n}',
  englishOriginal: 'الأصل بالإنكليزية',
  page: 'الصفحة {page} من {pages}',
  kinds: {
    'good-practice': 'ممارسة جيدة',
    challenge: 'تحدٍّ',
    recommendation: 'توصية',
    'ta-need': 'حاجة إلى المساعدة التقنية',
  },
  lifecycle: {
    draft: 'مشروع',
    agreed: 'وافقت عليه الدولة الخاضعة للاستعراض',
    published: 'نشرته الأمانة',
  },
  groups: {
    African: 'مجموعة الدول الأفريقية',
    'Asia-Pacific': 'مجموعة دول آسيا والمحيط الهادئ',
    'Eastern European': 'مجموعة دول أوروبا الشرقية',
    GRULAC: 'مجموعة دول أمريكا اللاتينية ومنطقة البحر الكاريبي',
    WEOG: 'مجموعة دول أوروبا الغربية ودول أخرى',
    none: 'لا تنتمي إلى أي مجموعة إقليمية',
  },
  legalSystems: {
    'civil-law': 'القانون المدني',
    'common-law': 'القانون العام (الأنغلوسكسوني)',
    mixed: 'نظام مختلط',
    'islamic-law': 'الشريعة الإسلامية',
    other: 'نظام آخر',
  },
  instrumentShort: {
    UNTOC: 'الاتفاقية',
    TIP: 'بروتوكول الاتجار بالأشخاص',
    SOM: 'بروتوكول تهريب المهاجرين',
    FIREARMS: 'بروتوكول الأسلحة النارية',
  },
  instrumentNames: {
    UNTOC: 'اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية',
    TIP: 'بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال',
    SOM: 'بروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو',
    FIREARMS: 'بروتوكول مكافحة صنع الأسلحة النارية وأجزائها ومكوناتها والذخيرة والاتجار بها بصورة غير مشروعة',
  },
  fourPs: {
    prevention: 'المنع',
    prosecution: 'الملاحقة القضائية',
    protection: 'الحماية',
    partnership: 'الشراكة',
  },
};

export const SUMMARY_STRINGS: Readonly<Record<Language, SummaryStrings>> = { ar, zh, en, fr, ru, es };

/** Right-to-left languages among the six (only Arabic). */
export function textDirection(lang: Language): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Replaces `{name}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function fill(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = vars[key];
    return value === undefined ? whole : String(value);
  });
}

/** Placeholder names used in a template, sorted (used by the completeness test). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** Joins names as a sentence list in the language ("A, B and C"; "A、B和C"). */
export function joinList(lang: Language, items: readonly string[]): string {
  let format = listFormats.get(lang);
  if (!format) {
    // Building an Intl formatter costs ~1 ms; keep one per language.
    format = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    listFormats.set(lang, format);
  }
  return format.format(items);
}
const listFormats = new Map<Language, Intl.ListFormat>();
