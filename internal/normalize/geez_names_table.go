package normalize

// geezAbbreviations are the slash abbreviations of name heads that Amharic
// and Tigrinya writers use in documents and ledgers (ገ/ሚካኤል for
// ገብረሚካኤል, ወ/ማርያም for ወልደማርያም). Compiled by hand for this project;
// ሃ/ and ሀ/ are left out because they stand for both Habte and Haile.
var geezAbbreviations = map[string]string{
	"ገ/": "ገብረ", "ወ/": "ወልደ", "ተ/": "ተክለ", "ኃ/": "ኃይለ", "ኪ/": "ኪዳነ",
	"ፍ/": "ፍቅረ",
}

// geezTitles are honorifics written before Ethiopian and Eritrean names;
// like Mr and Mrs they carry no identity. Compiled by hand for this project.
var geezTitles = map[string]bool{
	"ወ/ሮ": true, "ወ/ት": true, "ዶ/ር": true, "አቶ": true, "ወይዘሮ": true,
	"ወይዘሪት": true, "ቄስ": true, "ሼክ": true, "ሓጂ": true, "ሐጂ": true,
}
