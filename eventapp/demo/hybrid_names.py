"""The 300 organisations and their participants of the demo's hybrid conference
(eventapp.demo.hybrid), generated the same way on every load: fictional, except a few
international bodies named as themselves.

Each row is plain data; the conference module writes it to the directory and registrations.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventapp.speakers.models import OrganisationKind as K

# (Arabic country, English country, Arabic city, English city, time zone)
PLACES = (
    ("الأردن", "Jordan", "عمّان", "Amman", "Asia/Amman"),
    ("لبنان", "Lebanon", "بيروت", "Beirut", "Asia/Beirut"),
    ("تونس", "Tunisia", "تونس", "Tunis", "Africa/Tunis"),
    ("المغرب", "Morocco", "الرباط", "Rabat", "Africa/Casablanca"),
    ("مصر", "Egypt", "القاهرة", "Cairo", "Africa/Cairo"),
    ("العراق", "Iraq", "بغداد", "Baghdad", "Asia/Baghdad"),
    ("فلسطين", "Palestine", "رام الله", "Ramallah", "Asia/Hebron"),
    ("السودان", "Sudan", "الخرطوم", "Khartoum", "Africa/Khartoum"),
    ("الجزائر", "Algeria", "الجزائر", "Algiers", "Africa/Algiers"),
    ("اليمن", "Yemen", "عدن", "Aden", "Asia/Aden"),
    ("الكويت", "Kuwait", "الكويت", "Kuwait City", "Asia/Kuwait"),
    ("قطر", "Qatar", "الدوحة", "Doha", "Asia/Qatar"),
    ("البحرين", "Bahrain", "المنامة", "Manama", "Asia/Bahrain"),
    ("عُمان", "Oman", "مسقط", "Muscat", "Asia/Muscat"),
    ("موريتانيا", "Mauritania", "نواكشوط", "Nouakchott", "Africa/Nouakchott"),
    ("ليبيا", "Libya", "طرابلس", "Tripoli", "Africa/Tripoli"),
    ("الإمارات العربية المتحدة", "United Arab Emirates", "دبي", "Dubai", "Asia/Dubai"),
    ("سويسرا", "Switzerland", "جنيف", "Geneva", "Europe/Zurich"),
    ("المملكة المتحدة", "United Kingdom", "لندن", "London", "Europe/London"),
    ("فرنسا", "France", "باريس", "Paris", "Europe/Paris"),
    ("الولايات المتحدة", "United States", "نيويورك", "New York", "America/New_York"),
    ("المملكة العربية السعودية", "Saudi Arabia", "جدة", "Jeddah", "Asia/Riyadh"),
    ("إثيوبيا", "Ethiopia", "أديس أبابا", "Addis Ababa", "Africa/Addis_Ababa"),
)
ARAB = PLACES[:17]

NGO_THEMES = (
    ("جمعية الدفاع عن الحقوق الرقمية", "Digital Rights Defence Association"),
    ("مرصد حرية التعبير", "Freedom of Expression Observatory"),
    ("مركز العدالة الاجتماعية", "Social Justice Centre"),
    ("مبادرة الشفافية والمساءلة", "Transparency and Accountability Initiative"),
    ("جمعية النساء والتكنولوجيا", "Women and Technology Association"),
    ("مركز دراسات الخصوصية", "Privacy Studies Centre"),
    ("منظمة حماية المدافعين", "Defenders Protection Organisation"),
    ("جمعية الحق في الوصول إلى المعلومات", "Right to Information Association"),
)
NETWORKS = (
    ("الشبكة العربية للحقوق الرقمية", "Arab Digital Rights Network"),
    ("تحالف مساءلة الشركات", "Corporate Accountability Alliance"),
    ("شبكة المدافعات عن حقوق الإنسان", "Women Human Rights Defenders Network"),
    ("الشبكة الإقليمية لحرية الصحافة", "Regional Press Freedom Network"),
)
COMPANY_BRANDS = (
    ("المشرق", "Mashreq"),
    ("الأفق", "Ufuq"),
    ("النخيل", "Nakheel"),
    ("السنبلة", "Sunbula"),
    ("الرافدين", "Rafidain"),
    ("الأطلس", "Atlas"),
    ("النيل الرقمي", "Digital Nile"),
    ("قرطاج", "Carthage"),
    ("البتراء", "Petra"),
    ("الواحة", "Oasis"),
)
COMPANY_SECTORS = (
    ("للاتصالات", "Telecom"),
    ("للخدمات الرقمية", "Digital Services"),
    ("للمنصات والإعلام", "Platforms and Media"),
)
# (Arabic name, English name, acronym, where: an index of PLACES)
INTERGOVERNMENTAL = (
    ("جامعة الدول العربية", "League of Arab States", "LAS", 4),
    ("لجنة الأمم المتحدة الاقتصادية والاجتماعية لغربي آسيا", "UN ESCWA", "ESCWA", 1),
    ("منظمة العمل العربية", "Arab Labour Organization", "ALO", 4),
    (
        "الهيئة الدائمة المستقلة لحقوق الإنسان في منظمة التعاون الإسلامي",
        "OIC Independent Permanent Human Rights Commission",
        "IPHRC",
        21,
    ),
    ("مفوضية الاتحاد الأفريقي", "African Union Commission", "AUC", 22),
    ("مجلس أوروبا", "Council of Europe", "CoE", 19),
    ("منظمة التعاون الاقتصادي والتنمية", "OECD", "OECD", 19),
    ("الاتحاد الأوروبي، بعثة الأردن", "European Union Delegation to Jordan", "EU", 0),
)
UN_BODIES = (
    (
        "المفوضية السامية لحقوق الإنسان",
        "Office of the UN High Commissioner for Human Rights",
        "OHCHR",
        17,
    ),
    (
        "الفريق العامل المعني بمسألة حقوق الإنسان والشركات",
        "UN Working Group on Business and Human Rights",
        "UNWG",
        17,
    ),
    ("برنامج الأمم المتحدة الإنمائي", "United Nations Development Programme", "UNDP", 20),
    ("منظمة الأمم المتحدة للتربية والعلم والثقافة", "UNESCO", "UNESCO", 19),
    ("منظمة العمل الدولية", "International Labour Organization", "ILO", 17),
    ("منظمة الأمم المتحدة للطفولة", "UNICEF", "UNICEF", 20),
    ("هيئة الأمم المتحدة للمرأة", "UN Women", "UN Women", 20),
    ("الاتحاد الدولي للاتصالات", "International Telecommunication Union", "ITU", 17),
    (
        "المقرر الخاص المعني بحرية الرأي والتعبير",
        "UN Special Rapporteur on freedom of opinion and expression",
        None,
        17,
    ),
    ("المقرر الخاص المعني بالحق في الخصوصية", "UN Special Rapporteur on privacy", None, 17),
)

# Kind, how many: 300 in all.
KINDS = (
    (K.NGO, 120),
    (K.NETWORK, 20),
    (K.NHRI, 15),
    (K.PARLIAMENT, 12),
    (K.GOVERNMENT, 15),
    (K.INTERGOVERNMENTAL, 8),
    (K.UN_BODY, 10),
    (K.COMPANY, 30),
    (K.TRADE_UNION, 20),
    (K.MEDIA, 25),
    (K.ACADEMIC, 25),
)

FIRST_NAMES = (
    ("ليلى", "Layla"), ("أحمد", "Ahmad"), ("سلمى", "Salma"), ("يوسف", "Youssef"),
    ("ريم", "Reem"), ("عمر", "Omar"), ("هدى", "Huda"), ("كريم", "Karim"),
    ("نادية", "Nadia"), ("سامي", "Sami"), ("رنا", "Rana"), ("طارق", "Tarek"),
    ("دينا", "Dina"), ("مازن", "Mazen"), ("فاطمة", "Fatima"), ("حسن", "Hassan"),
    ("منى", "Mona"), ("خالد", "Khaled"), ("سارة", "Sara"), ("وليد", "Walid"),
    ("أمل", "Amal"), ("باسل", "Basel"), ("لينا", "Lina"), ("زياد", "Ziad"),
    ("هالة", "Hala"), ("رامي", "Rami"), ("جمانة", "Joumana"), ("نبيل", "Nabil"),
    ("إيمان", "Iman"), ("فراس", "Firas"), ("ياسمين", "Yasmine"), ("عادل", "Adel"),
    ("سعاد", "Souad"), ("مراد", "Mourad"), ("غادة", "Ghada"), ("إلياس", "Elias"),
    ("رشا", "Rasha"), ("بلال", "Bilal"), ("مريم", "Maryam"), ("أنس", "Anas"),
)  # fmt: skip
FAMILY_NAMES = (
    ("الخطيب", "Al-Khatib"), ("بن علي", "Ben Ali"), ("المصري", "El-Masri"),
    ("الحسيني", "Al-Husseini"), ("العلوي", "Alaoui"), ("الجبوري", "Al-Jubouri"),
    ("عبد الله", "Abdallah"), ("الطاهر", "Taher"), ("بوزيد", "Bouzid"),
    ("النجار", "Najjar"), ("حداد", "Haddad"), ("الشامي", "Shami"), ("القاسم", "Qasem"),
    ("منصور", "Mansour"), ("سليمان", "Suleiman"), ("العمري", "Al-Omari"),
    ("الزين", "Zein"), ("فرحات", "Farhat"), ("بن يوسف", "Ben Youssef"), ("الكردي", "Kurdi"),
    ("عيسى", "Issa"), ("المهدي", "Mahdi"), ("الصالح", "Saleh"), ("خوري", "Khoury"),
    ("الدباغ", "Dabbagh"), ("حمدان", "Hamdan"), ("العطار", "Attar"), ("البنا", "Banna"),
    ("الرفاعي", "Rifai"), ("جابر", "Jaber"), ("الأنصاري", "Ansari"), ("ناصر", "Nasser"),
    ("الفاسي", "Fassi"), ("الحلبي", "Halabi"), ("سعيد", "Said"), ("عثمان", "Othman"),
    ("الخياط", "Khayat"), ("الساعدي", "Saadi"), ("يونس", "Younes"), ("مكي", "Makki"),
)  # fmt: skip


@dataclass(frozen=True)
class Org:
    name_ar: str
    name_en: str
    acronym: str | None
    kind: K
    country: str
    time_zone: str


def _ngo(n: int) -> Org:
    theme_ar, theme_en = NGO_THEMES[n % len(NGO_THEMES)]
    country, _c, city_ar, city_en, zone = PLACES[(n // len(NGO_THEMES)) % 21]
    return Org(f"{theme_ar} - {city_ar}", f"{theme_en}, {city_en}", None, K.NGO, country, zone)


def _network(n: int) -> Org:
    name_ar, name_en = NETWORKS[n % len(NETWORKS)]
    country, country_en, *_rest, zone = ARAB[(n * 3) % len(ARAB)]
    return Org(
        f"{name_ar}، فرع {country}", f"{name_en}, {country_en} chapter", None, K.NETWORK,
        country, zone,
    )  # fmt: skip


def _by_country(kind, ar, en):
    def make(n: int) -> Org:
        country, country_en, *_rest, zone = ARAB[n % len(ARAB)]
        return Org(ar.format(country), en.format(country_en), None, kind, country, zone)

    return make


def _listed(rows, kind):
    def make(n: int) -> Org:
        name_ar, name_en, acronym, where = rows[n]
        return Org(name_ar, name_en, acronym, kind, PLACES[where][0], PLACES[where][4])

    return make


def _company(n: int) -> Org:
    brand_ar, brand_en = COMPANY_BRANDS[n % len(COMPANY_BRANDS)]
    sector_ar, sector_en = COMPANY_SECTORS[n // len(COMPANY_BRANDS)]
    country, _c, *_rest, zone = ARAB[(n * 5) % len(ARAB)]
    return Org(
        f"شركة {brand_ar} {sector_ar}", f"{brand_en} {sector_en}", None, K.COMPANY, country, zone
    )


def _union(n: int) -> Org:
    country, country_en, *_rest, zone = ARAB[n % 10]
    if n < 10:
        return Org(
            f"نقابة العاملين في قطاع الاتصالات في {country}",
            f"Telecommunications Workers' Union, {country_en}",
            None, K.TRADE_UNION, country, zone,
        )  # fmt: skip
    return Org(
        f"نقابة عمّال المنصات الرقمية في {country}",
        f"Platform Workers' Union, {country_en}",
        None, K.TRADE_UNION, country, zone,
    )  # fmt: skip


def _media(n: int) -> Org:
    country, _c, city_ar, city_en, zone = PLACES[n % 20]
    if n < 20:
        return Org(
            f"صحيفة {city_ar} الرقمية", f"{city_en} Digital Daily", None, K.MEDIA, country, zone
        )
    return Org(
        f"إذاعة {city_ar} المجتمعية", f"{city_en} Community Radio", None, K.MEDIA, country, zone
    )


def _academic(n: int) -> Org:
    country, _c, city_ar, city_en, zone = ARAB[n % len(ARAB)]
    if n < len(ARAB):
        return Org(
            f"جامعة {city_ar}، كلية الحقوق", f"University of {city_en}, Faculty of Law",
            None, K.ACADEMIC, country, zone,
        )  # fmt: skip
    return Org(
        f"مركز {city_ar} لأبحاث الإنترنت والمجتمع", f"{city_en} Centre for Internet and Society",
        None, K.ACADEMIC, country, zone,
    )  # fmt: skip


MAKERS = {
    K.NGO: _ngo,
    K.NETWORK: _network,
    K.NHRI: _by_country(
        K.NHRI, "المؤسسة الوطنية لحقوق الإنسان في {}", "National Human Rights Institution, {}"
    ),
    K.PARLIAMENT: _by_country(
        K.PARLIAMENT, "لجنة حقوق الإنسان في برلمان {}", "Human rights committee, Parliament, {}"
    ),
    K.GOVERNMENT: _by_country(
        K.GOVERNMENT, "وزارة الاقتصاد الرقمي في {}", "Ministry of Digital Economy, {}"
    ),
    K.INTERGOVERNMENTAL: _listed(INTERGOVERNMENTAL, K.INTERGOVERNMENTAL),
    K.UN_BODY: _listed(UN_BODIES, K.UN_BODY),
    K.COMPANY: _company,
    K.TRADE_UNION: _union,
    K.MEDIA: _media,
    K.ACADEMIC: _academic,
}


def organisations() -> list[Org]:
    """The 300, kinds interleaved (so that every share of the list mixes them), unique names."""
    by_kind = [[MAKERS[kind](n) for n in range(count)] for kind, count in KINDS]
    mixed = []
    while any(by_kind):
        for rows in by_kind:
            if rows:
                mixed.append(rows.pop(0))
    return mixed


def person_name(number: int) -> tuple[str, str]:
    """(Arabic, English) name of the participant ``number``: unique for 0 to 1599."""
    first = FIRST_NAMES[number % 40]
    family = FAMILY_NAMES[(number + 7 * (number // 40)) % 40]
    return f"{first[0]} {family[0]}", f"{first[1]} {family[1]}"
