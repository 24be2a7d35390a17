package normalize

// fieldCountryNames adds, for the countries of the Central Mediterranean
// Route and its diaspora, the names iso-codes lacks or garbles: Amharic
// (iso-codes' Amharic catalogue is corrupt), Arabic spellings without
// diacritics, everyday aliases (UK, Holland, UAE, KSA, Dubai), and English,
// Dutch, Arabic and Amharic nationality adjectives as they appear in
// nationality columns. Compiled by hand for this project; Amharic and
// Arabic names after the Amharic and Arabic Wikipedia article titles.
// A city stands in only where ledgers use it for the country (Dubai).
var fieldCountryNames = map[string]string{
	// Eritrea
	"Eritrea": "ER", "Érythrée": "ER", "إريتريا": "ER", "ارتريا": "ER",
	"ኤርትራ": "ER", "Eritrean": "ER", "Eritrees": "ER", "Eritreeër": "ER",
	"إريتري": "ER", "ኤርትራዊ": "ER", "Erythrean": "ER",
	// Ethiopia
	"Ethiopia": "ET", "Ethiopië": "ET", "Etiopia": "ET", "Etiopía": "ET",
	"Éthiopie": "ET", "إثيوبيا": "ET", "ኢትዮጵያ": "ET", "Ethiopian": "ET",
	"Ethiopisch": "ET", "Ethiopiër": "ET", "إثيوبي": "ET", "ኢትዮጵያዊ": "ET",
	"Abyssinia": "ET",
	// Sudan
	"Sudan": "SD", "Soedan": "SD", "Sudán": "SD", "Soudan": "SD",
	"السودان": "SD", "ሱዳን": "SD", "Sudanese": "SD", "Soedanees": "SD",
	"سوداني": "SD", "ሱዳናዊ": "SD", "North Sudan": "SD",
	// South Sudan
	"South Sudan": "SS", "Zuid-Soedan": "SS", "Sud Sudan": "SS",
	"Sudan del Sud": "SS", "Sudán del Sur": "SS", "Soudan du Sud": "SS",
	"جنوب السودان": "SS", "ደቡብ ሱዳን": "SS", "South Sudanese": "SS",
	// Libya
	"Libya": "LY", "Libië": "LY", "Libia": "LY", "Libye": "LY", "ليبيا": "LY",
	"ሊቢያ": "LY", "ሊብያ": "LY", "Libyan": "LY", "Libisch": "LY", "ليبي": "LY",
	// Egypt
	"Egypt": "EG", "Egypte": "EG", "Egitto": "EG", "Egipto": "EG",
	"Égypte": "EG", "مصر": "EG", "ግብፅ": "EG", "ግብጽ": "EG", "Egyptian": "EG",
	"Egyptisch": "EG", "مصري": "EG",
	// Somalia
	"Somalia": "SO", "Somalië": "SO", "Somalie": "SO", "الصومال": "SO",
	"ሶማሊያ": "SO", "Somali": "SO", "Somalisch": "SO", "صومالي": "SO",
	// Djibouti
	"Djibouti": "DJ", "Gibuti": "DJ", "Yibuti": "DJ", "جيبوتي": "DJ",
	"ጅቡቲ": "DJ", "Djiboutian": "DJ",
	// Kenya
	"Kenya": "KE", "Kenia": "KE", "كينيا": "KE", "ኬንያ": "KE", "Kenyan": "KE",
	// Uganda
	"Uganda": "UG", "Oeganda": "UG", "Ouganda": "UG", "أوغندا": "UG",
	"ኡጋንዳ": "UG", "ዩጋንዳ": "UG", "Ugandan": "UG",
	// Chad
	"Chad": "TD", "Tsjaad": "TD", "Ciad": "TD", "Tchad": "TD", "تشاد": "TD",
	"ቻድ": "TD", "Chadian": "TD",
	// Niger
	"Niger": "NE", "النيجر": "NE", "ኒጀር": "NE", "Nigerien": "NE",
	// Nigeria
	"Nigeria": "NG", "Nigéria": "NG", "نيجيريا": "NG", "ናይጄሪያ": "NG",
	"Nigerian": "NG",
	// United Arab Emirates
	"United Arab Emirates": "AE", "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE",
	"Verenigde Arabische Emiraten": "AE", "VAE": "AE", "Emirati Arabi Uniti": "AE",
	"Emiratos Árabes Unidos": "AE", "Émirats arabes unis": "AE", "EAU": "AE",
	"الإمارات": "AE", "الإمارات العربية المتحدة": "AE", "ኤሚሬትስ": "AE",
	"የተባበሩት አረብ ኤሚሬቶች": "AE", "Emirati": "AE", "Dubai": "AE", "دبي": "AE",
	"ዱባይ": "AE",
	// Saudi Arabia
	"Saudi Arabia": "SA", "KSA": "SA", "Saudi": "SA", "Saudi-Arabië": "SA",
	"Arabia Saudita": "SA", "Arabia Saudí": "SA", "Arabie saoudite": "SA",
	"السعودية": "SA", "المملكة العربية السعودية": "SA", "ሳዑዲ አረቢያ": "SA",
	"ሳውዲ አረቢያ": "SA", "Saudi Arabian": "SA",
	// Turkey
	"Turkey": "TR", "Türkiye": "TR", "Turkije": "TR", "Turchia": "TR",
	"Turquía": "TR", "Turquie": "TR", "Türkei": "TR", "تركيا": "TR",
	"ቱርክ": "TR", "ቱርኪዬ": "TR", "Turkish": "TR", "Turks": "TR",
	// Israel
	"Israel": "IL", "Israël": "IL", "Israele": "IL", "إسرائيل": "IL",
	"እስራኤል": "IL", "Israeli": "IL", "Israëlisch": "IL",
	// Italy
	"Italy": "IT", "Italië": "IT", "Italia": "IT", "Italie": "IT",
	"إيطاليا": "IT", "ጣሊያን": "IT", "ኢጣሊያ": "IT", "Italian": "IT",
	"Italiaans": "IT", "Italiano": "IT",
	// Malta
	"Malta": "MT", "Malte": "MT", "مالطا": "MT", "ማልታ": "MT", "Maltese": "MT",
	// Netherlands
	"Netherlands": "NL", "Holland": "NL", "Nederland": "NL", "Paesi Bassi": "NL",
	"Olanda": "NL", "Países Bajos": "NL", "Holanda": "NL", "Pays-Bas": "NL",
	"Hollande": "NL", "هولندا": "NL", "ሆላንድ": "NL", "ኔዘርላንድ": "NL",
	"ኔዘርላንድስ": "NL", "Dutch": "NL", "Nederlands": "NL", "Nederlandse": "NL",
	"هولندي": "NL",
	// Belgium
	"Belgium": "BE", "België": "BE", "Belgio": "BE", "Bélgica": "BE",
	"Belgique": "BE", "بلجيكا": "BE", "ቤልጂየም": "BE", "Belgian": "BE",
	"Belgisch": "BE",
	// Germany
	"Germany": "DE", "Duitsland": "DE", "Germania": "DE", "Alemania": "DE",
	"Allemagne": "DE", "Deutschland": "DE", "ألمانيا": "DE", "ጀርመን": "DE",
	"German": "DE", "Duits": "DE",
	// Sweden
	"Sweden": "SE", "Zweden": "SE", "Svezia": "SE", "Suecia": "SE",
	"Suède": "SE", "Sverige": "SE", "السويد": "SE", "ስዊድን": "SE",
	"Swedish": "SE", "Zweeds": "SE",
	// Norway
	"Norway": "NO", "Noorwegen": "NO", "Norvegia": "NO", "Noruega": "NO",
	"Norvège": "NO", "Norge": "NO", "النرويج": "NO", "ኖርዌይ": "NO",
	"Norwegian": "NO", "Noors": "NO",
	// Denmark
	"Denmark": "DK", "Denemarken": "DK", "Danimarca": "DK", "Dinamarca": "DK",
	"Danemark": "DK", "Danmark": "DK", "الدنمارك": "DK", "ዴንማርክ": "DK",
	"Danish": "DK", "Deens": "DK",
	// Finland
	"Finland": "FI", "Finlandia": "FI", "Finlande": "FI", "Suomi": "FI",
	"فنلندا": "FI", "ፊንላንድ": "FI", "Finnish": "FI", "Fins": "FI",
	// United Kingdom
	"United Kingdom": "GB", "UK": "GB", "U.K.": "GB", "Great Britain": "GB",
	"Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
	"Northern Ireland": "GB", "Verenigd Koninkrijk": "GB",
	"Groot-Brittannië": "GB", "Engeland": "GB", "Regno Unito": "GB",
	"Gran Bretagna": "GB", "Inghilterra": "GB", "Reino Unido": "GB",
	"Gran Bretaña": "GB", "Inglaterra": "GB", "Royaume-Uni": "GB",
	"Grande-Bretagne": "GB", "Angleterre": "GB", "المملكة المتحدة": "GB",
	"بريطانيا": "GB", "إنجلترا": "GB", "እንግሊዝ": "GB", "ዩናይትድ ኪንግደም": "GB",
	"ብሪታንያ": "GB", "British": "GB", "Brits": "GB", "English": "GB",
	// Ireland
	"Ireland": "IE", "Ierland": "IE", "Irlanda": "IE", "Irlande": "IE",
	"أيرلندا": "IE", "ايرلندا": "IE", "አየርላንድ": "IE", "Irish": "IE", "Iers": "IE",
	// France
	"France": "FR", "Frankrijk": "FR", "Francia": "FR", "Frankreich": "FR",
	"فرنسا": "FR", "ፈረንሳይ": "FR", "French": "FR", "Frans": "FR",
	// Switzerland
	"Switzerland": "CH", "Zwitserland": "CH", "Svizzera": "CH", "Suiza": "CH",
	"Suisse": "CH", "Schweiz": "CH", "سويسرا": "CH", "ስዊዘርላንድ": "CH",
	"Swiss": "CH", "Zwitsers": "CH",
	// Austria
	"Austria": "AT", "Oostenrijk": "AT", "Autriche": "AT", "Österreich": "AT",
	"النمسا": "AT", "ኦስትሪያ": "AT", "Austrian": "AT", "Oostenrijks": "AT",
	// Spain
	"Spain": "ES", "Spanje": "ES", "Spagna": "ES", "España": "ES",
	"Espagne": "ES", "إسبانيا": "ES", "ስፔን": "ES", "Spanish": "ES", "Spaans": "ES",
	// United States
	"United States": "US", "United States of America": "US", "USA": "US",
	"U.S.A.": "US", "U.S.": "US", "America": "US", "Verenigde Staten": "US",
	"Amerika": "US", "Stati Uniti": "US", "Estados Unidos": "US", "EEUU": "US",
	"EE.UU.": "US", "États-Unis": "US", "الولايات المتحدة": "US", "أمريكا": "US",
	"امريكا": "US", "አሜሪካ": "US", "ዩናይትድ ስቴትስ": "US", "American": "US",
	"Amerikaans": "US",
	// Canada
	"Canada": "CA", "Canadá": "CA", "كندا": "CA", "ካናዳ": "CA", "Canadian": "CA",
	"Canadees": "CA",
	// Australia
	"Australia": "AU", "Australië": "AU", "Australie": "AU", "أستراليا": "AU",
	"አውስትራሊያ": "AU", "Australian": "AU", "Australisch": "AU",
	// Names iso-codes gives only in official or reversed form, or not at all.
	"DRC": "CD", "DR Congo": "CD", "Democratic Republic of the Congo": "CD",
	"Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG", "Republic of the Congo": "CG",
	"South Korea": "KR", "North Korea": "KP", "Russia": "RU", "Ivory Coast": "CI",
	"Vatican": "VA", "Palestine": "PS", "Syria": "SY", "Iran": "IR",
	"Laos": "LA", "Vietnam": "VN", "Tanzania": "TZ", "Burma": "MM",
	"Swaziland": "SZ", "Cape Verde": "CV", "East Timor": "TL", "Macedonia": "MK",
	"Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Czech Republic": "CZ",
	"Brunei": "BN", "Micronesia": "FM", "Taiwan": "TW", "Kosovo": "XK",
}
