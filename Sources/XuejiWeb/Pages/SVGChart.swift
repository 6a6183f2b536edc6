import Foundation

/// Charts drawn on the server as SVG (issue 7): readable without JavaScript, styled by the page's
/// stylesheet, and always paired with a table of the same figures for screen readers and for
/// anyone who wants the numbers. A hidden cell (an analyst's small cell) is drawn as nothing and
/// written "<5" in the table.
enum SVGChart {
    struct Series {
        let name: String
        let values: [Int?]
        let style: String   // a CSS class: s1, s2, …
    }

    static let width = 420.0, height = 220.0, left = 44.0, bottom = 28.0, top = 12.0

    /// Bars, one per label, stacked when there is more than one series; `grouped` puts the series
    /// side by side instead (figures that are not parts of one whole: due and paid).
    /// `axisLabels`: shorter labels under the bars when the table's would not fit (12 grades).
    static func bars(id: String, title: String, labels: [String], axisLabels: [String]? = nil, series: [Series], grouped: Bool = false, hiddenNote: String) -> HTML {
        let totals = labels.indices.map { i in grouped ? series.map { $0.values[i] ?? 0 }.max() ?? 0 : series.reduce(0) { $0 + ($1.values[i] ?? 0) } }
        let scale = niceMaximum(totals.max() ?? 0)
        let plotWidth = width - left - 8, plotHeight = height - bottom - top
        let slot = plotWidth / Double(max(labels.count, 1)), barWidth = min(48, slot * 0.7)
        var shapes: [HTML] = axis(scale: scale)
        for (i, label) in labels.enumerated() {
            let x = left + slot * Double(i) + (slot - barWidth) / 2
            var base = height - bottom
            for (k, s) in series.enumerated() {
                guard let v = s.values[i], v > 0 else { continue }
                let h = Double(v) / Double(scale) * plotHeight
                let each = barWidth / Double(series.count)
                let (barX, barY, w) = grouped ? (x + each * Double(k), height - bottom - h, each) : (x, base - h, barWidth)
                if !grouped { base -= h }
                shapes.append("<rect class=\"\(s.style)\" x=\"\(fmt(barX))\" y=\"\(fmt(barY))\" width=\"\(fmt(w))\" height=\"\(fmt(h))\"><title>\(label) · \(s.name): \(v)</title></rect>")
            }
            shapes.append("<text class=\"label\" x=\"\(fmt(x + barWidth / 2))\" y=\"\(fmt(height - bottom + 16))\" text-anchor=\"middle\">\(axisLabels?[i] ?? label)</text>")
        }
        return figure(id: id, title: title, shapes: shapes, legend: series.count > 1 ? series : [],
                      table: dataTable(labels: labels, series: series, hiddenNote: hiddenNote))
    }

    /// One line through the values, with a dot on each.
    static func line(id: String, title: String, labels: [String], series: Series, hiddenNote: String) -> HTML {
        let scale = niceMaximum(series.values.compactMap { $0 }.max() ?? 0)
        let plotWidth = width - left - 8, plotHeight = height - bottom - top
        let step = plotWidth / Double(max(labels.count - 1, 1))
        var shapes: [HTML] = axis(scale: scale)
        var points: [String] = []
        for (i, label) in labels.enumerated() {
            let x = left + step * Double(i)
            if let v = series.values[i] {
                let y = height - bottom - Double(v) / Double(scale) * plotHeight
                points.append("\(fmt(x)),\(fmt(y))")
                shapes.append("<circle class=\"\(series.style)\" cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"3\"><title>\(label): \(v)</title></circle>")
            }
            if i % 2 == 0 || labels.count <= 6 {
                shapes.append("<text class=\"label\" x=\"\(fmt(x))\" y=\"\(fmt(height - bottom + 16))\" text-anchor=\"middle\">\(label)</text>")
            }
        }
        shapes.insert("<polyline class=\"line \(series.style)\" points=\"\(points.joined(separator: " "))\"/>", at: 0)
        return figure(id: id, title: title, shapes: shapes, legend: [],
                      table: dataTable(labels: labels, series: [series], hiddenNote: hiddenNote))
    }

    /// A flow matrix as a heat map: a square per (row, column), darker for more; hidden cells are
    /// hatched grey. The table beside it has the figures.
    static func heatMap(id: String, title: String, rows: [String], columns: [String], cells: [[Int?]], hiddenNote: String) -> HTML {
        let cell = 26.0, left = 70.0, top = 60.0
        let maximum = max(1, cells.flatMap { $0.compactMap { $0 } }.max() ?? 1)
        var shapes: [HTML] = []
        for (c, column) in columns.enumerated() {
            let x = left + Double(c) * cell + cell / 2
            shapes.append("<text class=\"label\" transform=\"translate(\(fmt(x)) \(fmt(top - 6))) rotate(-60)\">\(column)</text>")
        }
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * cell
            shapes.append("<text class=\"label\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y + cell * 0.65))\" text-anchor=\"end\">\(row)</text>")
            for (c, value) in cells[r].enumerated() {
                let x = left + Double(c) * cell
                if let value {
                    let shade = value == 0 ? 0.04 : 0.15 + 0.85 * Double(value) / Double(maximum)
                    shapes.append("<rect class=\"s1\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cell - 2))\" height=\"\(fmt(cell - 2))\" fill-opacity=\"\(fmt(shade))\"><title>\(row) → \(columns[c]): \(value)</title></rect>")
                } else {
                    shapes.append("<rect class=\"hidden-cell\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cell - 2))\" height=\"\(fmt(cell - 2))\"><title>\(row) → \(columns[c]): &lt;5</title></rect>")
                }
            }
        }
        let width = Int(left + Double(columns.count) * cell + 10), height = Int(top + Double(rows.count) * cell + 10)
        let series = columns.enumerated().map { c, column in Series(name: column, values: cells.map { $0[c] }, style: "s1") }
        return """
            <figure class="chart wide" id="\(id)"><figcaption>\(title)</figcaption>
            <svg viewBox="0 0 \(width) \(height)" role="img" aria-label="\(title)" width="\(width * 3 / 2)" height="\(height * 3 / 2)">\(shapes.joined())</svg>
            \(dataTable(labels: rows, series: series, hiddenNote: hiddenNote))</figure>
            """
    }

    static func axis(scale: Int) -> [HTML] {
        let plotHeight = height - bottom - top
        return [0, 2, 4].map { quarter -> HTML in
            let value = scale * quarter / 4, y = height - bottom - Double(quarter) / 4 * plotHeight
            return """
                <line class="grid" x1="\(fmt(left))" y1="\(fmt(y))" x2="\(fmt(width - 8))" y2="\(fmt(y))"/>\
                <text class="label" x="\(fmt(left - 6))" y="\(fmt(y + 4))" text-anchor="end">\(value)</text>
                """
        }
    }

    static func figure(id: String, title: String, shapes: [HTML], legend: [Series], table: HTML) -> HTML {
        let keys: [HTML] = legend.map { "<span class=\"key\"><span class=\"swatch \($0.style)\"></span>\($0.name)</span>" }
        return """
            <figure class="chart" id="\(id)"><figcaption>\(title)</figcaption>
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(title)">\(shapes.joined())</svg>
            \(keys.isEmpty ? "" : HTML(trusted: "<div class=\"legend\">" + keys.joined().rendered + "</div>"))\(table)</figure>
            """
    }

    static func dataTable(labels: [String], series: [Series], hiddenNote: String) -> HTML {
        let head: [HTML] = series.map { "<th scope=\"col\">\($0.name)</th>" }
        let rows: [HTML] = labels.enumerated().map { i, label in
            let cells: [HTML] = series.map { s in "<td>\(s.values[i].map(String.init) ?? "<5")</td>" }
            return "<tr><th scope=\"row\">\(label)</th>\(cells.joined())</tr>"
        }
        let hidden = series.contains { $0.values.contains(nil) }
        return """
            <table class="chart-data"><thead><tr><th></th>\(head.joined())</tr></thead><tbody>\(rows.joined())</tbody></table>\
            \(hidden ? HTML(trusted: "<p class=\"note\">" + HTML.escape(hiddenNote) + "</p>") : "")
            """
    }

    /// A round axis maximum at or above the largest value (1, 2 or 5 times a power of ten).
    static func niceMaximum(_ value: Int) -> Int {
        guard value > 4 else { return 4 }
        var power = 1
        while power * 10 <= value { power *= 10 }
        for m in [1, 2, 5, 10] where m * power >= value { return m * power }
        return 10 * power
    }

    static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
}
