package ingest

// synonyms are the headers, in English, Dutch, Italian, Spanish, French,
// Arabic and Amharic, by which exports and ledgers name each field. They
// are compared after headerKey folding (case, accents, punctuation), so
// "Montant (€)" is not needed beside "montant". Each header means one field.
var synonyms = map[string][]string{
	"occurred_at": {
		"date", "transaction date", "payment date", "send date", "date sent", "booking date", "value date", "txn date",
		"posting date", "completion time", "transaction time",
		"datum", "transactiedatum", "boekdatum", "valutadatum", "rentedatum",
		"data", "data operazione", "data valuta",
		"fecha", "fecha de envio", "fecha operacion",
		"date operation", "date de transaction", "date d envoi",
		"التاريخ", "تاريخ", "تاريخ التحويل",
		"ቀን", "ቀን ዓ ም", "ዕለት",
	},
	"time": {"time", "tijd", "ora", "hora", "heure", "الوقت", "ሰዓት"},
	"amount": {
		"amount", "amount sent", "send amount", "principal", "sum", "value", "usd value",
		"bedrag", "importo", "importe", "monto", "montant", "somme",
		"المبلغ", "مبلغ", "القيمة", "መጠን", "ገንዘብ",
	},
	"currency": {
		"currency", "ccy", "cur", "send currency", "valuta", "munt", "valuta code", "moneda", "divisa", "devise",
		"العملة", "ምንዛሬ", "የገንዘብ አይነት",
	},
	"reference": {
		"reference", "ref", "ref no", "reference number", "mtcn", "transaction id", "transaction number", "receipt", "receipt no", "voucher",
		"referentie", "kenmerk", "transactiereferentie", "volgnr",
		"riferimento", "referencia", "reference operation", "numero",
		"المرجع", "رقم المرجع", "رقم الحوالة", "ማጣቀሻ", "ቁጥር",
	},
	"memo": {
		"memo", "message", "note", "notes", "purpose", "remarks", "description", "details", "narrative",
		"omschrijving", "mededelingen", "omschrijving 1", "notitie",
		"causale", "descrizione", "concepto", "descripcion", "motif", "libelle", "communication",
		"ملاحظة", "ملاحظات", "الغرض", "ማስታወሻ", "ምክንያት",
	},
	"sender_name": {
		"sender", "sender name", "remitter", "remitter name", "payer", "from", "ordering customer", "customer",
		"afzender", "naam afzender", "opdrachtgever", "betaler",
		"mittente", "ordinante", "remitente", "ordenante", "expediteur", "emetteur", "donneur d ordre",
		"المرسل", "اسم المرسل", "المحول", "ላኪ", "የላኪ ስም", "ከ",
	},
	"sender_first_name": {"sender first name", "sender given name", "voornaam afzender", "nome mittente", "nombre remitente", "prenom expediteur"},
	"sender_last_name":  {"sender last name", "sender surname", "sender family name", "achternaam afzender", "cognome mittente", "apellido remitente", "nom expediteur"},
	"sender_phone": {
		"sender phone", "sender tel", "sender mobile", "remitter phone", "payer phone", "telefoon afzender", "telefono mittente",
		"telefono remitente", "telephone expediteur", "هاتف المرسل", "ስልክ ላኪ", "የላኪ ስልክ",
	},
	"sender_country": {"sender country", "remitter country", "payer country", "origin country", "country of origin", "land afzender", "paese mittente", "pais remitente", "pays expediteur", "بلد المرسل", "የላኪ ሀገር"},
	"sender_city":    {"sender city", "remitter city", "payer city", "origin city", "plaats afzender", "citta mittente", "ciudad remitente", "ville expediteur", "مدينة المرسل", "የላኪ ከተማ"},
	"sender_account": {"sender account", "sender iban", "remitter account", "payer account", "from account", "rekening afzender", "conto mittente", "cuenta remitente", "compte expediteur", "حساب المرسل"},
	"beneficiary_name": {
		"beneficiary", "beneficiary name", "receiver", "receiver name", "recipient", "payee", "to", "collector",
		"begunstigde", "ontvanger", "naam begunstigde",
		"beneficiario", "destinatario", "beneficiaire", "destinataire",
		"المستفيد", "اسم المستفيد", "المستلم", "ተቀባይ", "የተቀባይ ስም", "ለ",
	},
	"beneficiary_first_name": {"receiver first name", "beneficiary first name", "recipient first name", "voornaam begunstigde", "nome beneficiario", "nombre beneficiario", "prenom beneficiaire"},
	"beneficiary_last_name":  {"receiver last name", "beneficiary last name", "recipient last name", "achternaam begunstigde", "cognome beneficiario", "apellido beneficiario", "nom beneficiaire"},
	"beneficiary_phone": {
		"receiver phone", "beneficiary phone", "recipient phone", "payee phone", "receiver tel", "receiver mobile",
		"telefoon begunstigde", "telefono beneficiario", "telephone beneficiaire", "هاتف المستفيد", "ስልክ ተቀባይ", "የተቀባይ ስልክ", "phone", "telephone", "tel", "ስልክ", "هاتف",
	},
	"beneficiary_country": {"receiver country", "beneficiary country", "recipient country", "payee country", "destination country", "destination", "land begunstigde", "paese beneficiario", "pais beneficiario", "pays beneficiaire", "بلد المستفيد", "የተቀባይ ሀገር"},
	"beneficiary_city":    {"receiver city", "beneficiary city", "recipient city", "payee city", "payout city", "destination city", "plaats begunstigde", "citta beneficiario", "ciudad beneficiario", "ville beneficiaire", "مدينة المستفيد", "የተቀባይ ከተማ", "city", "ከተማ"},
	"beneficiary_account": {"receiver account", "beneficiary account", "beneficiary iban", "recipient account", "payee account", "to account", "rekening begunstigde", "conto beneficiario", "cuenta beneficiario", "compte beneficiaire", "حساب المستفيد"},
	"sending_agent":       {"agent", "sending agent", "hawaladar", "broker", "counterpart hawaladar", "agent id", "agente", "agent envoi", "الوكيل", "الحوالدار", "ወኪል"},
	"paying_agent":        {"paying agent", "payout agent", "receiving agent", "agente pagatore", "agente pagador", "agent payeur", "وكيل الدفع"},
	"account":             {"account", "iban", "account number", "own account", "rekening", "rekeningnummer", "iban bban", "conto", "cuenta", "compte", "رقم الحساب", "الحساب", "የሂሳብ ቁጥር"},
	"account_name":        {"account holder", "account name", "rekeninghouder", "naam rekeninghouder", "intestatario", "titular", "titulaire"},
	"counterparty_name":   {"counterparty", "counterparty name", "tegenpartij", "naam tegenpartij", "naam", "naam omschrijving", "controparte", "contraparte", "contrepartie", "الطرف المقابل"},
	"counterparty_account": {
		"counterparty account", "counterparty iban", "contra account", "tegenrekening", "tegenrekening iban bban", "conto controparte", "cuenta contraparte", "compte contrepartie",
	},
	"status": {
		"status", "transaction status", "transfer status", "payment status", "state",
		"stato", "estado", "statut", "الحالة", "ሁኔታ",
	},
	// A statement with the amount in one of two columns, the column
	// saying which way the money went.
	"debit_amount": {
		"debit", "debit amount", "debits", "withdrawn", "withdrawal", "withdrawals", "paid out", "money out", "amount out",
		"debet", "bedrag af", "addebito", "addebiti", "uscite", "cargo", "cargos", "debito", "retrait", "retraits",
		"مدين", "سحب", "ወጪ",
	},
	"credit_amount": {
		"credit", "credit amount", "credits", "paid in", "deposit", "deposits", "money in", "amount in",
		"bedrag bij", "accredito", "accrediti", "entrate", "abono", "abonos", "credito", "versement", "versements",
		"دائن", "إيداع", "ገቢ",
	},
	"direction": {"af bij", "debit credit", "credit debit", "d c", "c d", "dc", "bij af", "dare avere", "debe haber", "debit credit indicator", "sens", "مدين دائن"},
}
