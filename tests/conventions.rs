//! One credit of each convention the multilingual issue lists, parsed by the
//! grammar: creators, agencies (table ids, or the name as written), via and
//! the file / pool / handout flags (`F`, `P`, `H`, `-` when unset). The last
//! lines are body text that only looks like a credit.

use capsift::AgencyTable;
use capsift::credit::{analyse, find_credits};

/// `line` parses to these credits, with `caption` as its caption text.
fn credit(line: &str, caption: Option<&str>, creators: &[&str], agencies: &[&str], via: Option<&str>, flags: &str) {
    let table = AgencyTable::builtin();
    let split = find_credits(line, table).unwrap_or_else(|| panic!("{line}: no credit found"));
    let got_caption = (!split.caption.is_empty()).then(|| &line[split.caption.clone()]);
    assert_eq!(got_caption, caption, "{line}: caption");
    let credits: Vec<_> = split
        .credits
        .iter()
        .map(|r| analyse(&line[r.clone()], table).credit)
        .collect();
    let mut got_creators: Vec<&str> = credits
        .iter()
        .flat_map(|c| c.creators.iter().map(String::as_str))
        .collect();
    got_creators.sort();
    got_creators.dedup();
    assert_eq!(got_creators, creators, "{line}: creators");
    let mut got_agencies: Vec<&str> = Vec::new();
    for a in credits.iter().flat_map(|c| &c.agencies) {
        let key = a.id.as_deref().unwrap_or(&a.name);
        if !got_agencies.contains(&key) {
            got_agencies.push(key);
        }
    }
    assert_eq!(got_agencies, agencies, "{line}: agencies");
    let got_via = credits
        .iter()
        .find_map(|c| c.via.as_ref())
        .map(|v| v.id.as_deref().unwrap_or(&v.name));
    assert_eq!(got_via, via, "{line}: via");
    let flag = |set: bool, c: char| if set { c } else { '-' };
    let got_flags: String = [
        flag(credits.iter().any(|c| c.file_photo), 'F'),
        flag(credits.iter().any(|c| c.pool), 'P'),
        flag(credits.iter().any(|c| c.handout), 'H'),
    ]
    .iter()
    .collect();
    assert_eq!(got_flags, flags, "{line}: flags");
}

/// `line` holds no credit.
fn no_credit(line: &str) {
    assert_eq!(find_credits(line, AgencyTable::builtin()), None, "{line}");
}

#[test]
fn korean() {
    credit("[사진=연합뉴스]", None, &[], &["yonhap"], None, "---");
    credit("ⓒ연합뉴스", None, &[], &["yonhap"], None, "---");
    credit("[AFP=연합뉴스]", None, &[], &["afp", "yonhap"], Some("yonhap"), "---");
    credit("연합뉴스 자료사진", None, &[], &["yonhap"], None, "F--");
    credit("[뉴시스]", None, &[], &["newsis"], None, "---");
    credit("뉴스1", None, &[], &["news1"], None, "---");
    credit("사진 제공=한빛전자", None, &[], &["한빛전자"], None, "--H");
    // Xinhua as Korean papers write it, and the presidential office.
    credit("신화=연합뉴스", None, &[], &["xinhua", "yonhap"], Some("yonhap"), "---");
    credit("[사진 출처 = 대통령실]", None, &[], &["kr-president"], None, "---");
    credit("(대통령실 제공)", None, &[], &["kr-president"], None, "--H");
    no_credit("대통령실은 18일 브리핑에서 이같이 밝혔다.");
}

#[test]
fn chinese() {
    credit("新华社记者 李鑫 摄", None, &["李鑫"], &["xinhua"], None, "---");
    credit("中新社记者 张浩 摄", None, &["张浩"], &["cns"], None, "---");
    credit("（视觉中国）", None, &[], &["vcg"], None, "---");
    credit("图/视觉中国", None, &[], &["vcg"], None, "---");
    credit("资料图", None, &[], &[], None, "F--");
    credit("（中央社）", None, &[], &["cna"], None, "---");
    credit("中央社記者王騰毅攝", None, &["王騰毅"], &["cna"], None, "---");
    credit("（衛福部提供）", None, &[], &["衛福部"], None, "--H");
    // "From the internet", with the notice that it is removed on request.
    credit("图片来源：网络", None, &[], &[], None, "---");
    credit("图源：网络", None, &[], &[], None, "---");
    credit("（图片来源于网络，侵删）", None, &[], &[], None, "---");
    credit("图/人民视觉", None, &[], &["peoplevisual"], None, "---");
    // A screenshot, after its source as 摄 after a photographer.
    credit("央视新闻截图", None, &[], &["cctv"], None, "---");
    credit("（视频截图）", None, &[], &[], None, "---");
    credit(
        "加拿大大叔Gweilo （视频截图）",
        Some("加拿大大叔Gweilo"),
        &[],
        &[],
        None,
        "---",
    );
    no_credit("网友晒出的聊天截图");
}

#[test]
fn japanese() {
    credit("（共同）", None, &[], &["kyodo"], None, "---");
    credit("写真：共同通信", None, &[], &["kyodo"], None, "---");
    credit("写真：ゲッティ", None, &[], &["getty"], None, "---");
    credit("（朝鮮通信＝共同）", None, &[], &["kns", "kyodo"], Some("kyodo"), "---");
    credit("（山田太郎撮影）", None, &["山田太郎"], &[], None, "---");
    credit("（Ｃ）共同", None, &[], &["kyodo"], None, "---");
    credit("資料写真", None, &[], &[], None, "F--");
    // A label joined to the name with a middle dot.
    credit("（撮影・山田太郎）", None, &["山田太郎"], &[], None, "---");
    credit("写真・山田太郎", None, &["山田太郎"], &[], None, "---");
    credit("図版：時事通信", None, &[], &["jiji"], None, "---");
    // Newspapers close the caption with place, date and the photographer:
    // the credit is the last part after `、` or `＝`.
    credit(
        "会見する首相＝東京都千代田区で2024年1月1日、山田太郎撮影",
        Some("会見する首相＝東京都千代田区で2024年1月1日"),
        &["山田太郎"],
        &[],
        None,
        "---",
    );
    credit(
        "記者会見する首相＝2024年1月1日午後、首相官邸、山田太郎撮影",
        Some("記者会見する首相＝2024年1月1日午後、首相官邸"),
        &["山田太郎"],
        &[],
        None,
        "---",
    );
    credit(
        "記者会見する首相＝田中一郎撮影",
        Some("記者会見する首相"),
        &["田中一郎"],
        &[],
        None,
        "---",
    );
    // `写真は…` ("the photo shows…") is a caption's sentence, and a place
    // where the picture was taken is no photographer.
    no_credit("写真は2024年1月、東京都内で撮影");
    no_credit("この写真は昨年、首相官邸で撮影したものだ。");
}

#[test]
fn russian_and_ukrainian() {
    credit("Фото: ТАСС", None, &[], &["tass"], None, "---");
    credit("Фото: РИА Новости", None, &[], &["ria"], None, "---");
    credit(
        "© Sputnik / Ирина Петрова",
        None,
        &["Ирина Петрова"],
        &["sputnik"],
        None,
        "---",
    );
    credit("Фото Андрея Кузнецова", None, &["Андрея Кузнецова"], &[], None, "---");
    credit("Фото: Укрінформ", None, &[], &["ukrinform"], None, "---");
    credit("Архив", None, &[], &[], None, "F--");
    credit("Фото: Офіс президента", None, &[], &["ua-president"], None, "---");
    // The public broadcaster credits its regional desks by city.
    credit(
        "Фото: Суспільне Харків/Олена Мартинюк",
        None,
        &["Олена Мартинюк"],
        &["suspilne"],
        None,
        "---",
    );
    credit("Фото: Суспільне", None, &[], &["suspilne"], None, "---");
    // A press office the table does not know is named with its office word;
    // after `предоставлено` (instrumental) the office word only marks a handout.
    credit(
        "Фото: пресс-служба губернатора Белгородской области",
        None,
        &[],
        &["пресс-служба губернатора Белгородской области"],
        None,
        "--H",
    );
    credit(
        "Фото надала пресслужба Одеської ОВА",
        None,
        &[],
        &["пресслужба Одеської ОВА"],
        None,
        "--H",
    );
    credit(
        "Фото предоставлено пресс-службой ГУ МЧС России по Москве",
        None,
        &[],
        &["ГУ МЧС России по Москве"],
        None,
        "--H",
    );
    credit("Фото: пресс-служба Минобороны", None, &[], &["ru-mod"], None, "--H");
    credit("Фото: mil.ru", None, &[], &["ru-mod"], None, "---");
    // Where the picture was found, its maker not named: no photographer.
    credit("Фото: соцсети", None, &[], &[], None, "---");
    credit("Фото: скриншот видео", None, &[], &[], None, "---");
    credit("Фото: из открытых источников", None, &[], &[], None, "---");
    credit("Фото: з відкритих джерел", None, &[], &[], None, "---");
}

#[test]
fn arabic() {
    credit("(رويترز)", None, &[], &["reuters"], None, "---");
    credit("(الفرنسية)", None, &[], &["afp"], None, "---");
    credit("(الأناضول)", None, &[], &["anadolu"], None, "---");
    credit("(الرئاسة المصرية)", None, &[], &["eg-presidency"], None, "---");
    credit("أرشيف", None, &[], &[], None, "F--");
}

#[test]
fn european_and_asian_latin_script() {
    credit("EFE/Juan Pérez", None, &["Juan Pérez"], &["efe"], None, "---");
    credit(
        "Photo Sébastien Jarry/Divergence",
        None,
        &["Sébastien Jarry"],
        &["divergence"],
        None,
        "---",
    );
    credit(
        "© Maxppp - Vincent Isore",
        None,
        &["Vincent Isore"],
        &["maxppp"],
        None,
        "---",
    );
    credit("Kaynak: AA", None, &[], &["anadolu"], None, "---");
    credit("Bron: ANP", None, &[], &["anp"], None, "---");
    credit("Sumber: Antara", None, &[], &["antara"], None, "---");
    // Heads of state and government credit their own photographers.
    credit(
        "(foto ANSA/UFFICIO STAMPA QUIRINALE/PAOLO GIANDOTTI)",
        None,
        &["PAOLO GIANDOTTI"],
        &["ansa", "quirinale"],
        None,
        "---",
    );
    credit(
        "Foto di Filippo Attili/Palazzo Chigi/LaPresse",
        None,
        &["Filippo Attili"],
        &["it-government", "lapresse"],
        None,
        "---",
    );
    credit("Foto: Palácio do Planalto", None, &[], &["br-presidency"], None, "---");
    credit("Foto: Prensa Casa Rosada", None, &[], &["casarosada"], None, "---");
    credit("(Foto: Andina/Difusión)", None, &[], &["Andina"], None, "--H");
    credit(
        "(Foto Prensa Libre: Esbin García)",
        None,
        &["Esbin García"],
        &["Prensa Libre"],
        None,
        "---",
    );
    credit(
        "Photo: Présidence de la République",
        None,
        &[],
        &["elysee"],
        None,
        "---",
    );
    credit(
        "Foto: Presidencia de Colombia",
        None,
        &[],
        &["Presidencia de Colombia"],
        None,
        "---",
    );
    credit(
        "Image: UK Parliament/Jessica Taylor/PA",
        None,
        &["Jessica Taylor"],
        &["UK Parliament", "pa"],
        None,
        "---",
    );
    credit(
        "(ΦΩΤΟ: EUROKINISSI/ΓΙΑΝΝΗΣ ΠΑΝΑΓΟΠΟΥΛΟΣ)",
        None,
        &["ΓΙΑΝΝΗΣ ΠΑΝΑΓΟΠΟΥΛΟΣ"],
        &["eurokinissi"],
        None,
        "---",
    );
    credit("Foto: EFE", None, &[], &["efe"], None, "---");
    credit("(Foto: Divulgação)", None, &[], &[], None, "--H");
    credit("Imagen de archivo", None, &[], &[], None, "F--");
    credit("ARCHIVO", None, &[], &[], None, "F--");
    credit("Photo : AFP", None, &[], &["afp"], None, "---");
    credit(
        "La Première ministre à Matignon. Photo Stéphane Lemouton / Bestimage",
        Some("La Première ministre à Matignon."),
        &["Stéphane Lemouton"],
        &["bestimage"],
        None,
        "---",
    );
    credit("Foto: dpa", None, &[], &["dpa"], None, "---");
    credit("Foto: IMAGO/photothek", None, &[], &["imago", "photothek"], None, "---");
    credit("Foto: GEPA pictures", None, &[], &["gepa"], None, "---");
    credit(
        "picture alliance/dpa",
        None,
        &[],
        &["picture-alliance", "dpa"],
        None,
        "---",
    );
    credit("Archivbild", None, &[], &[], None, "F--");
    credit(
        "Fot. PAP/Leszek Szymański",
        None,
        &["Leszek Szymański"],
        &["pap"],
        None,
        "---",
    );
    credit("AA", None, &[], &["anadolu"], None, "---");
    credit("Ảnh: TTXVN", None, &[], &["vna"], None, "---");
    credit(
        "ANTARA FOTO/Rizky Pratama/foc.",
        None,
        &["Rizky Pratama"],
        &["antara"],
        None,
        "---",
    );
}

#[test]
fn wire_photographers_signing_with_the_surname() {
    credit(
        "Pedro Sánchez, en el Congreso. EFE/ Mariscal",
        Some("Pedro Sánchez, en el Congreso."),
        &["Mariscal"],
        &["efe"],
        None,
        "---",
    );
    credit("(ANSA/Frustaci)", None, &["Frustaci"], &["ansa"], None, "---");
    // A photo agency after the wire is still an agency, and so are markers.
    credit("(AFP/Sipa)", None, &[], &["afp", "sipa"], None, "---");
    credit("EFE/Archivo", None, &[], &["efe"], None, "F--");
    credit("Reuters/Pool", None, &[], &["reuters"], None, "-P-");
}

#[test]
fn chains_and_mixtures() {
    credit(
        "KCNA via KNS/AFP",
        None,
        &[],
        &["kcna", "kns", "afp"],
        Some("kns"),
        "---",
    );
    credit("AFP PHOTO / SAUL LOEB", None, &["SAUL LOEB"], &["afp"], None, "---");
    credit(
        "Jim Watson/AFP/Getty Images",
        None,
        &["Jim Watson"],
        &["afp", "getty"],
        None,
        "---",
    );
    credit(
        "Photo by Chip Somodevilla/Getty Images for Tribeca Festival",
        None,
        &["Chip Somodevilla"],
        &["getty", "Tribeca Festival"],
        None,
        "---",
    );
    credit(
        "(Sarah Silbiger/Source via AP)",
        None,
        &["Sarah Silbiger"],
        &["ap"],
        Some("ap"),
        "---",
    );
    credit("Handout via Reuters", None, &[], &["reuters"], Some("reuters"), "--H");
    credit("STR/AFP", None, &[], &["afp"], None, "---");
    credit(
        "Alexei Druzhinin\\TASS",
        None,
        &["Alexei Druzhinin"],
        &["tass"],
        None,
        "---",
    );
}

#[test]
fn photo_labels_of_smaller_languages() {
    credit("Kuva: Lehtikuva", None, &[], &["stt"], None, "---");
    credit(
        "Kuva: Markku Ulander / Lehtikuva",
        None,
        &["Markku Ulander"],
        &["stt"],
        None,
        "---",
    );
    credit("Beeld ANP", None, &[], &["anp"], None, "---");
    credit("Φωτογραφία: ΑΠΕ-ΜΠΕ", None, &[], &["ana-mpa"], None, "---");
    credit("Снимка: БТА", None, &[], &["bta"], None, "---");
    credit("צילום: פלאש 90", None, &[], &["flash90"], None, "---");
    credit("תצלום: AP", None, &[], &["ap"], None, "---");
    // Portuguese papers write the wire as a word, and label with Fotografia.
    credit("Foto: Lusa", None, &[], &["lusa"], None, "---");
    credit("Fotografia: Lusa", None, &[], &["lusa"], None, "---");
    credit("Foto: Reprodução/Redes Sociais", None, &[], &[], None, "--H");
    credit("Foto: Profimedia", None, &[], &["profimedia"], None, "---");
    credit("عکس: ایرنا", None, &[], &["irna"], None, "---");
    credit("Gambar: Bernama", None, &[], &["bernama"], None, "---");
    credit("Larawan: PNA", None, &[], &["pna"], None, "---");
    // Indonesian: provided ("Istimewa" stands for a name) or private.
    credit("Kredit Foto: Istimewa", None, &[], &[], None, "---");
    credit("Foto: Dok. Pribadi", None, &[], &[], None, "--H");
    credit("Foto: Arquivo pessoal", None, &[], &[], None, "--H");
    // Public broadcasters and the federal government credit their own pictures.
    credit("Foto: ZDF/Jule Roehr", None, &["Jule Roehr"], &["zdf"], None, "---");
    credit("Bild: SRF", None, &[], &["srf"], None, "---");
    credit("(Photo: Belga)", None, &[], &["belga"], None, "---");
    credit(
        "Foto: Bundesregierung/Steffen Kugler",
        None,
        &["Steffen Kugler"],
        &["bundespresseamt"],
        None,
        "---",
    );
    // An abbreviated label just inside a bracket (`(Dok.`, `(Fot.`) does not
    // end a sentence; Indonesia's presidential press bureau.
    credit(
        "Presiden Jokowi. (Dok. Biro Pers Setpres)",
        Some("Presiden Jokowi."),
        &[],
        &["id-president"],
        None,
        "F--",
    );
    credit(
        "(Foto: Biro Pers Sekretariat Presiden)",
        None,
        &[],
        &["id-president"],
        None,
        "---",
    );
    credit(
        "(Fot. PAP/Radek Pietruszka)",
        None,
        &["Radek Pietruszka"],
        &["pap"],
        None,
        "---",
    );
    // Lithuanian names the photographer in the genitive before "nuotr.".
    credit("BNS nuotr.", None, &[], &["bns"], None, "---");
    credit(
        "Seimo posėdis. Luko Balandžio / BNS nuotr.",
        Some("Seimo posėdis."),
        &["Luko Balandžio"],
        &["bns"],
        None,
        "---",
    );
    // Agencies of smaller countries, as their credits write them.
    credit("Foto: LETA", None, &[], &["leta"], None, "---");
    credit("(Foto: Hina)", None, &[], &["hina"], None, "---");
    credit("Foto: Pixsell", None, &[], &["pixsell"], None, "---");
    credit("Sursa foto: Inquam Photos", None, &[], &["inquam"], None, "---");
    credit("Foto Imagoeconomica", None, &[], &["imagoeconomica"], None, "---");
    credit(
        "EPA/Ansa/Ettore Ferrari",
        None,
        &["Ettore Ferrari"],
        &["epa", "ansa"],
        None,
        "---",
    );
    no_credit("Kredit Usaha Rakyat (KUR) disalurkan kepada UMKM di seluruh Indonesia.");
}

#[test]
fn illustration_labels() {
    credit("Photo d'illustration AFP", None, &[], &["afp"], None, "---");
    credit(
        "Des manifestants à Paris, le 12 mars 2023. Photo d'illustration AFP",
        Some("Des manifestants à Paris, le 12 mars 2023."),
        &[],
        &["afp"],
        None,
        "---",
    );
    credit("Imagen de referencia: Pixabay", None, &[], &["pixabay"], None, "---");
    credit("Stock photo: Getty Images", None, &[], &["getty"], None, "---");
    credit("Illustrationen: Jane Doe", None, &["Jane Doe"], &[], None, "---");
    no_credit("Stock photos of the event were sold to several newspapers within hours.");
}

#[test]
fn screenshots_and_provided_pictures() {
    credit("Screengrab/YouTube", None, &[], &["YouTube"], None, "---");
    credit("Foto: Captura de pantalla", None, &[], &[], None, "---");
    credit(
        "Ein Bild aus besseren Tagen. (Tag24 – Twitter Screenshot)",
        Some("Ein Bild aus besseren Tagen."),
        &[],
        &["Tag24", "Twitter"],
        None,
        "---",
    );
    // Provided by the maker or a press office: a handout where the word
    // says so, no one named where it only stands in for a name.
    credit("Foto: Werkfoto", None, &[], &[], None, "--H");
    credit("Bild: zVg", None, &[], &[], None, "--H");
    credit("Foto: Hersteller", None, &[], &[], None, "---");
    credit("(Foto: Especial)", None, &[], &[], None, "---");
    no_credit("Hersteller");
    no_credit("Der Hersteller hat die Preise erhöht.");
}

#[test]
fn magazine_credit_lines() {
    credit(
        "Photo-illustration: Intelligencer; Photos: Getty Images",
        None,
        &[],
        &["Intelligencer", "getty"],
        None,
        "---",
    );
    credit(
        "iStock / Getty Images Plus",
        None,
        &[],
        &["istock", "getty"],
        None,
        "---",
    );
    credit(
        "Photo illustration by The Atlantic. Sources: Getty; Shutterstock.",
        Some("Photo illustration by The Atlantic."),
        &[],
        &["getty", "shutterstock"],
        None,
        "---",
    );
    // A credit never starts inside an agency's name (`Images` is a label
    // word): better none than `Images, Reuters` cut from `Getty Images`.
    no_credit("Clockwise from top left: AP, Getty Images, Reuters");
    // Reuters' links to its graphics are no credits.
    no_credit("(Graphic: Global assets in 2019 - here)");
}

#[test]
fn websites_named_by_their_domain() {
    credit(
        "Foto: creantion / pixelio.de",
        None,
        &["creantion"],
        &["pixelio"],
        None,
        "---",
    );
    credit(
        "Wer sagt, dass Radfahren nur etwas für warme Tage ist? (c) TV Thermen- & Vulkanland | pixelmaker.at",
        Some("Wer sagt, dass Radfahren nur etwas für warme Tage ist?"),
        &[],
        &["TV Thermen- & Vulkanland", "pixelmaker.at"],
        None,
        "---",
    );
    credit(
        "© www.sportfotos-lafrentz.de",
        None,
        &[],
        &["www.sportfotos-lafrentz.de"],
        None,
        "---",
    );
    credit(
        "© Max Muster - Fotolia.com",
        None,
        &["Max Muster"],
        &["fotolia"],
        None,
        "---",
    );
    // A stock library's own domain keeps the user name after it.
    credit(
        "Foto: shutterstock.com/racorn",
        None,
        &["racorn"],
        &["shutterstock"],
        None,
        "---",
    );
    // A link closing an embedded post is no credit: the path is glued to
    // its host.
    no_credit("Meine Mutter ist jederzeit auf die Apokalypse vorbereitet. pic.twitter.com/qc6VqGZYA2");
    no_credit("Weitere Informationen unter www.example.de");
}

#[test]
fn english_language_press_conventions() {
    // An initial right after the slash is the name's, not a full stop.
    credit(
        "(AP Photo/J. Scott Applewhite, File)",
        None,
        &["J. Scott Applewhite"],
        &["ap"],
        None,
        "F--",
    );
    // China Daily.
    credit("[Photo/Agencies]", None, &[], &[], None, "---");
    credit(
        "[Photo provided to chinadaily.com.cn]",
        None,
        &[],
        &["chinadaily"],
        None,
        "--H",
    );
    credit("Photo provided by the family", None, &[], &[], None, "--H");
    // A company's legal form after a comma is part of its name.
    credit(
        "Tom Williams/CQ-Roll Call, Inc via Getty Images",
        None,
        &["Tom Williams"],
        &["cqrollcall", "getty"],
        Some("getty"),
        "---",
    );
    credit(
        "(Image credit: Tyvak Nano-Satellite Systems, Inc.)",
        None,
        &[],
        &["Tyvak Nano-Satellite Systems"],
        None,
        "---",
    );
    // An abbreviation in capitals inside a name in capitals is part of it
    // (`STA` is the Slovenian agency); one inside a menu item is no agency.
    credit(
        "(Photo by JAM STA ROSA / AFP)",
        None,
        &["JAM STA ROSA"],
        &["afp"],
        None,
        "---",
    );
    // NYT pool pictures; MSN's syndicated ones.
    credit("Pool photo by Evan Vucci", None, &["Evan Vucci"], &[], None, "-P-");
    credit("© Provided by The Guardian", None, &[], &["guardian"], None, "--H");
    // Ukrainian and Russian sites in English; a press service the table
    // knows keeps its name.
    credit(
        "Photo: press service of the Odesa Regional Military Administration",
        None,
        &[],
        &["press service of the Odesa Regional Military Administration"],
        None,
        "--H",
    );
    credit(
        "Ukrainian Presidential Press Service/Handout via REUTERS",
        None,
        &[],
        &["ua-president", "reuters"],
        Some("reuters"),
        "--H",
    );
    // The Hindu, and space agencies as Indian and American sites credit them.
    credit("Photo: Special Arrangement", None, &[], &[], None, "--H");
    credit("Photo Credit: The Hindu", None, &[], &["thehindu"], None, "---");
    credit("Image courtesy: ISRO", None, &[], &["isro"], None, "--H");
    credit(
        "Image credit: NASA/JPL-Caltech",
        None,
        &[],
        &["nasa", "jpl"],
        None,
        "---",
    );
    // An agency written with its label, then `by` and the photographer.
    credit(
        "Protesters in Delhi on Monday. Express Photo by Praveen Khanna",
        Some("Protesters in Delhi on Monday."),
        &["Praveen Khanna"],
        &["indianexpress"],
        None,
        "---",
    );
    credit("AP Photo by Evan Vucci", None, &["Evan Vucci"], &["ap"], None, "---");
    credit(
        "Picture: NCA NewsWire / Martin Ollman",
        None,
        &["Martin Ollman"],
        &["ncanewswire"],
        None,
        "---",
    );
    no_credit("AP by John Doe");
    // After a bar, an outlet alone is the site's name in a page title or a
    // byline; a wire, a label or a photographer make it a credit.
    no_credit("Housing market slowdown continues | BBC News");
    no_credit("By Andy Sahadeo | Fox News");
    credit(
        "Flood waters in Chennai | Reuters",
        Some("Flood waters in Chennai"),
        &[],
        &["reuters"],
        None,
        "---",
    );
    credit(
        "Flood waters in Chennai | Photo: The Hindu",
        Some("Flood waters in Chennai"),
        &[],
        &["thehindu"],
        None,
        "---",
    );
    // A table's footnote names a data provider, not a picture's.
    no_credit("Data also provided by");
    no_credit("Details were provided by the ministry on Monday.");
    no_credit("Watch CBS Sports Network");
}

#[test]
fn words_that_are_not_credits() {
    no_credit("(서울=연합뉴스) 홍길동 기자 = 정부가 20일 발표했다.");
    no_credit("Auf dem AFP-Kongress in Berlin wurde diskutiert.");
    no_credit("Das AA-Treffen findet jeden Dienstag statt.");
    no_credit("The EPA said Monday it will tighten limits.");
    no_credit("seorang pria bernama Ahmad ditangkap polisi");
    no_credit("Beeld je in dat de minister morgen aftreedt.");
    no_credit("Kuvaaja kertoo, että kuvat otettiin aamulla.");
    no_credit("Снимка на деня");
    // Italian "ansa" (a river's bend) is a word; only the capitalised name
    // in a credit is the agency.
    no_credit("Il fiume forma un'ansa vicino al paese.");
    no_credit("Atrodo, kad nuotraukos buvo padarytos ryte.");
    // A CJK picture word glued to the words after it is a phrase, not a
    // label and a name: a "picture story" menu item, a photo book.
    no_credit("图片故事");
    no_credit("图文直播间");
    no_credit("写真集");
    no_credit("사진은 기사와 무관함");
}
