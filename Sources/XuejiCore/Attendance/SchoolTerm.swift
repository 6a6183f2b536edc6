/// Which school year and term a day falls in, by the calendar's shape (DOMAIN.md §5 "Annual education
/// statistics": the school year runs from 1 September): from August a new school year's autumn term
/// (1), which runs into January; from February its spring term (2). The exact days of each term are
/// the province's data (`terms`); this is only the default a form or report starts from.
public enum SchoolTerm {
    public static func schoolYear(of day: CivilDate) -> Int { day.month >= 8 ? day.year : day.year - 1 }

    public static func of(_ day: CivilDate) -> (schoolYear: Int, term: Int) {
        (schoolYear(of: day), day.month >= 8 || day.month == 1 ? 1 : 2)
    }

    /// The statistics' stock date (DOMAIN.md §5): the latest 1 September on or before the day.
    public static func stockDate(_ day: CivilDate) -> CivilDate {
        CivilDate(year: day.month >= 9 ? day.year : day.year - 1, month: 9, day: 1)!
    }
}
