extension CodeTables {
    /// Nationality or region (国籍/地区), ISO 3166-1 alpha-3. Chinese labels for the codes registrars
    /// meet most; the rest carry the English short name in both languages until the full GB/T 2659
    /// Chinese list is added as data.
    public static let nationality = CodeTable(name: "nationality", version: "2026.1", entries: [
        ("CHN", "中国", "China"), ("HKG", "中国香港", "Hong Kong, China"), ("MAC", "中国澳门", "Macao, China"),
        ("TWN", "中国台湾", "Taiwan, China"), ("KOR", "韩国", "Korea, Republic of"), ("PRK", "朝鲜", "Korea, DPR"),
        ("JPN", "日本", "Japan"), ("MNG", "蒙古", "Mongolia"), ("RUS", "俄罗斯", "Russia"), ("VNM", "越南", "Viet Nam"),
        ("LAO", "老挝", "Lao PDR"), ("MMR", "缅甸", "Myanmar"), ("KHM", "柬埔寨", "Cambodia"), ("THA", "泰国", "Thailand"),
        ("MYS", "马来西亚", "Malaysia"), ("SGP", "新加坡", "Singapore"), ("IDN", "印度尼西亚", "Indonesia"),
        ("PHL", "菲律宾", "Philippines"), ("IND", "印度", "India"), ("PAK", "巴基斯坦", "Pakistan"), ("NPL", "尼泊尔", "Nepal"),
        ("KAZ", "哈萨克斯坦", "Kazakhstan"), ("KGZ", "吉尔吉斯斯坦", "Kyrgyzstan"), ("TJK", "塔吉克斯坦", "Tajikistan"),
        ("UZB", "乌兹别克斯坦", "Uzbekistan"), ("AFG", "阿富汗", "Afghanistan"), ("USA", "美国", "United States"),
        ("CAN", "加拿大", "Canada"), ("GBR", "英国", "United Kingdom"), ("FRA", "法国", "France"), ("DEU", "德国", "Germany"),
        ("ITA", "意大利", "Italy"), ("ESP", "西班牙", "Spain"), ("NLD", "荷兰", "Netherlands"), ("AUS", "澳大利亚", "Australia"),
        ("NZL", "新西兰", "New Zealand"), ("BRA", "巴西", "Brazil"), ("ZAF", "南非", "South Africa"), ("NGA", "尼日利亚", "Nigeria"),
        ("EGY", "埃及", "Egypt"), ("UKR", "乌克兰", "Ukraine"), ("XXX", "无国籍", "Stateless"),
    ])
}
