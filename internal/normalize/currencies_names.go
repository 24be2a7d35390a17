package normalize

// recentCurrencyCodes are ISO 4217 codes issued after iso-codes 4.15.0:
// ZWG (Zimbabwe Gold, 2024) and XCG (Caribbean guilder, 2025). Withdrawn
// codes (HRK, SLL, ZWL, …) stay accepted: old ledgers use them.
var recentCurrencyCodes = []string{"ZWG", "XCG"}

// fieldCurrencyNames adds signs, everyday names and plurals, and Arabic and
// Amharic names, for the currencies of this field; "" marks a sign or word
// that several currencies share (see Currency). Compiled by hand for this
// project; Arabic and Amharic names as used by the central banks concerned
// and in remittance receipts.
var fieldCurrencyNames = map[string]string{
	// Shared signs and words: refused.
	"kr": "", "kr.": "", "¥": "", "pound": "", "pounds": "", "dinar": "",
	"dinars": "", "shilling": "", "shillings": "", "krone": "", "kroner": "",
	"krona": "", "franc": "", "francs": "", "rupee": "", "rupees": "",
	"peso": "", "pesos": "", "rial": "", "جنيه": "", "دينار": "", "ليرة": "",
	"شلن": "", "pond": "", "sterlina": "", "libra": "", "livre": "",
	"fr.": "", "₨": "", "C$": "", "ፓውንድ": "", "ዲናር": "", "ሺሊንግ": "",
	// US dollar
	"$": "USD", "US$": "USD", "U.S. dollar": "USD", "US dollar": "USD",
	"USD$": "USD", "dollar": "USD", "dollars": "USD", "American dollar": "USD",
	"Amerikaanse dollar": "USD", "dollaro": "USD", "dollari": "USD",
	"dólar": "USD", "dólares": "USD", "dollaro americano": "USD",
	"dólar estadounidense": "USD", "دولار": "USD", "دولار أمريكي": "USD",
	"دولار امريكي": "USD", "ዶላር": "USD", "የአሜሪካ ዶላር": "USD",
	// Euro
	"€": "EUR", "euro": "EUR", "euros": "EUR", "euro's": "EUR", "eur.": "EUR",
	"يورو": "EUR", "ዩሮ": "EUR", "ኢሮ": "EUR",
	// Pound sterling
	"£": "GBP", "GB£": "GBP", "pound sterling": "GBP", "pounds sterling": "GBP",
	"sterling": "GBP", "British pound": "GBP", "Britse pond": "GBP",
	"sterlina britannica": "GBP", "libra esterlina": "GBP", "livre sterling": "GBP",
	"جنيه إسترليني": "GBP", "جنيه استرليني": "GBP", "የእንግሊዝ ፓውንድ": "GBP",
	// Ethiopian birr
	"birr": "ETB", "birrs": "ETB", "Br": "ETB", "ብር": "ETB", "Ethiopian birr": "ETB",
	"بر": "ETB", "بير": "ETB", "بر إثيوبي": "ETB",
	// Eritrean nakfa
	"nakfa": "ERN", "nakfas": "ERN", "nacfa": "ERN", "Nfk": "ERN", "ናቕፋ": "ERN",
	"ናቅፋ": "ERN", "نقفة": "ERN", "ناكفا": "ERN", "Eritrean nakfa": "ERN",
	// UAE dirham
	"dirham": "AED", "dirhams": "AED", "درهم": "AED", "د.إ": "AED",
	"درهم إماراتي": "AED", "UAE dirham": "AED", "Emirati dirham": "AED",
	"ዲርሃም": "AED",
	// Sudanese pound
	"Sudanese pound": "SDG", "جنيه سوداني": "SDG", "ج.س": "SDG",
	"ج.س.": "SDG", "Soedanees pond": "SDG", "የሱዳን ፓውንድ": "SDG",
	// South Sudanese pound
	"South Sudanese pound": "SSP", "جنيه جنوب السودان": "SSP",
	// Libyan dinar
	"Libyan dinar": "LYD", "دينار ليبي": "LYD", "ل.د": "LYD", "LD": "LYD",
	"የሊቢያ ዲናር": "LYD",
	// Egyptian pound
	"Egyptian pound": "EGP", "E£": "EGP", "LE": "EGP", "L.E.": "EGP",
	"جنيه مصري": "EGP", "ج.م": "EGP", "ج.م.": "EGP", "የግብፅ ፓውንድ": "EGP",
	// Shillings
	"Kenyan shilling": "KES", "Kenya shilling": "KES", "KSh": "KES",
	"Ksh.": "KES", "شلن كيني": "KES", "የኬንያ ሺሊንግ": "KES",
	"Ugandan shilling": "UGX", "Uganda shilling": "UGX", "USh": "UGX",
	"شلن أوغندي":      "UGX",
	"Somali shilling": "SOS", "شلن صومالي": "SOS",
	"Tanzanian shilling": "TZS",
	// Swedish, Norwegian, Danish crowns
	"Swedish krona": "SEK", "Swedish kronor": "SEK", "kronor": "SEK",
	"Zweedse kroon": "SEK", "Zweedse kronen": "SEK", "كرونة سويدية": "SEK",
	"Norwegian krone": "NOK", "Norwegian kroner": "NOK", "Noorse kroon": "NOK",
	"Noorse kronen": "NOK", "كرونة نرويجية": "NOK",
	"Danish krone": "DKK", "Danish kroner": "DKK", "Deense kroon": "DKK",
	"Deense kronen": "DKK",
	// Israeli shekel
	"₪": "ILS", "shekel": "ILS", "shekels": "ILS", "sheqel": "ILS",
	"shekalim": "ILS", "new shekel": "ILS", "NIS": "ILS", "شيكل": "ILS",
	"شيقل": "ILS", "ሼቄል": "ILS",
	// Saudi riyal
	"riyal": "SAR", "riyals": "SAR", "﷼": "SAR", "Saudi riyal": "SAR",
	"ريال": "SAR", "ريال سعودي": "SAR", "ر.س": "SAR", "ሪያል": "SAR",
	// Turkish lira
	"lira": "TRY", "liras": "TRY", "lire": "TRY", "Turkish lira": "TRY", "₺": "TRY",
	"TL": "TRY", "Turkse lira": "TRY", "ليرة تركية": "TRY",
	// Others seen in this field
	"Swiss franc": "CHF", "Zwitserse frank": "CHF", "franco svizzero": "CHF",
	"Canadian dollar": "CAD", "CA$": "CAD", "Can$": "CAD", "Canadese dollar": "CAD",
	"Australian dollar": "AUD", "A$": "AUD", "AU$": "AUD", "Australische dollar": "AUD",
	"Qatari riyal": "QAR", "Omani rial": "OMR", "Kuwaiti dinar": "KWD",
	"Jordanian dinar": "JOD", "Tunisian dinar": "TND", "Algerian dinar": "DZD",
	"Djiboutian franc": "DJF", "Djibouti franc": "DJF", "CFA franc": "",
	"Chinese yuan": "CNY", "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY",
	"Japanese yen": "JPY", "yen": "JPY", "₹": "INR", "Indian rupee": "INR",
	"₦": "NGN", "naira": "NGN", "₽": "RUB", "rouble": "RUB", "ruble": "RUB",
}
