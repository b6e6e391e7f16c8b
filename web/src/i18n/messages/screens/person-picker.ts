/** The person picker (web/src/person-picker.ts). ar zh fr ru es: the team's translation, not reviewed by a UN language service. */
import { screenMessages } from './define.ts';

export const personPicker = screenMessages({
  en: {
    'picker.search': 'Search by name or institution',
    'picker.loading': 'Loading the people of this State…',
    'picker.none':
      'Nobody of this State can be named yet: people can be named once the secretariat has approved their nomination.',
    'picker.noMatch': 'Nobody matches “{query}”.',
    'picker.chosen': '{count, plural, =0 {Nobody chosen} one {# person chosen} other {# people chosen}}',
    'picker.role.focal-point': 'focal point',
    'picker.role.expert': 'governmental expert',
  },
  fr: {
    'picker.search': 'Rechercher par nom ou institution',
    'picker.loading': 'Chargement des personnes de cet État…',
    'picker.none':
      "Personne de cet État ne peut encore être désigné : une personne peut l'être une fois sa nomination approuvée par le secrétariat.",
    'picker.noMatch': 'Personne ne correspond à « {query} ».',
    'picker.chosen':
      '{count, plural, =0 {Personne de choisi} one {# personne choisie} other {# personnes choisies}}',
    'picker.role.focal-point': 'point focal',
    'picker.role.expert': 'expert gouvernemental',
  },
  es: {
    'picker.search': 'Buscar por nombre o institución',
    'picker.loading': 'Cargando las personas de este Estado…',
    'picker.none':
      'Aún no se puede designar a nadie de este Estado: una persona puede designarse cuando la secretaría ha aprobado su nombramiento.',
    'picker.noMatch': 'Nadie coincide con «{query}».',
    'picker.chosen':
      '{count, plural, =0 {Nadie elegido} one {# persona elegida} other {# personas elegidas}}',
    'picker.role.focal-point': 'coordinador',
    'picker.role.expert': 'experto gubernamental',
  },
  ru: {
    'picker.search': 'Поиск по имени или учреждению',
    'picker.loading': 'Загрузка списка людей этого государства…',
    'picker.none':
      'Пока никого из этого государства нельзя назначить: назначить можно после того, как секретариат утвердит кандидатуру.',
    'picker.noMatch': 'Никто не соответствует запросу «{query}».',
    'picker.chosen':
      '{count, plural, =0 {Никто не выбран} one {Выбран # человек} few {Выбрано # человека} many {Выбрано # человек} other {Выбрано # человека}}',
    'picker.role.focal-point': 'координатор',
    'picker.role.expert': 'правительственный эксперт',
  },
  ar: {
    'picker.search': 'البحث بالاسم أو المؤسسة',
    'picker.loading': 'جارٍ تحميل أشخاص هذه الدولة…',
    'picker.none': 'لا يمكن بعد تسمية أحد من هذه الدولة: تجوز تسمية الشخص بعد موافقة الأمانة على ترشيحه.',
    'picker.noMatch': 'لا أحد يطابق «{query}».',
    'picker.chosen':
      '{count, plural, =0 {لم يُختر أحد} one {اختير شخص واحد} two {اختير شخصان} few {اختير # أشخاص} many {اختير # شخصًا} other {اختير # شخص}}',
    'picker.role.focal-point': 'جهة وصل',
    'picker.role.expert': 'خبير حكومي',
  },
  zh: {
    'picker.search': '按姓名或机构搜索',
    'picker.loading': '正在加载该国人员…',
    'picker.none': '该国目前还没有可指定的人员：秘书处批准提名后方可指定。',
    'picker.noMatch': '没有与“{query}”匹配的人员。',
    'picker.chosen': '{count, plural, =0 {未选择任何人} other {已选择 # 人}}',
    'picker.role.focal-point': '联络人',
    'picker.role.expert': '政府专家',
  },
});
