import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Importing new pupils from CSV (issue 6) through the real command line and HTTP API, on both engines.
@Suite(.serialized) struct ImportTests {
    static let header = "姓名,性别,出生日期,出生地,籍贯,民族,国籍/地区,身份证件类型,身份证件号,港澳台侨外,健康状况,户口所在地,户口性质,年级,班级,入学年月,入学方式,就读方式,现住址,联系电话,是否独生子女,是否受过学前教育,是否留守儿童,是否进城务工人员随迁子女,是否孤儿,是否烈士或优抚子女,成员1姓名,成员1关系,成员1是否监护人,成员1联系电话,邮政编码,备注栏"

    /// One valid row for a girl born on `birth` (yyyyMMdd) with sequence `seq` (even), in grade 1.
    static func row(name: String, birth: String, seq: Int) -> [String] {
        let id = RegistryTests.validID("410102" + birth + String(format: "%03d", seq))
        let date = "\(birth.prefix(4))年\(Int(birth.dropFirst(4).prefix(2))!)月\(Int(birth.suffix(2))!)日"
        return [name, "女", date, "410102", "410102", "汉族", "CHN", "1", id, "00", "10", "410102", "2", "1", "一年级1班", "202609", "11", "1",
                "郑州市中原区建设路1号", "13812345678", "是", "是", "0", "否", "否", "否", "王大", "父亲", "是", "13900001111", "450000", ""]
    }

    static func csv(_ rows: [[String]]) -> String {
        ([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\r\n") + "\r\n,,,\r\n\r\n"   // trailing empty rows
    }

    /// Ten rows: 1, 2, 3, 8, 9, 10 valid; 3 with a birth date that disagrees with its ID, 4 an unknown class, 5 a
    /// duplicate of row 1, 6 with five errors.
    static func mixed() -> [[String]] {
        var rows = (1...10).map { row(name: "王小" + ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][$0 - 1], birth: "20200315", seq: 100 + $0 * 2) }
        rows[2][2] = "2020/3/16"
        rows[3][14] = "一年级9班"
        rows[4][8] = rows[0][8]
        rows[5][1] = "X"; rows[5][5] = "火星族"; rows[5][19] = "123"; rows[5][20] = "也许"; rows[5][13] = "十三"
        return rows
    }

    func temp(_ name: String) -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("xueji-import-\(UUID().uuidString)-\(name)") }

    func write(_ text: String, gb18030: Bool = false, bom: Bool = false) throws -> URL {
        let url = temp("in.csv")
        try ((bom ? "\u{FEFF}" : "") + text).write(to: url, atomically: true, encoding: .utf8)
        if gb18030 {
            let out = temp("gb.csv")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
            p.arguments = ["-f", "UTF-8", "-t", "GB18030", "-o", out.path, url.path]
            try p.run(); p.waitUntilExit()
            return out
        }
        return url
    }

    func importing(_ file: URL, _ db: String, _ extra: [String] = []) throws -> (status: Int32, json: JSON, stderr: String) {
        let r = try ServerProcess.run(["import", file.path, "--school", "4101029001", "--json", "--db", db] + extra)
        return (r.status, (try? JSONParser.parse(Array(r.stdout.utf8))) ?? .null, r.stderr)
    }

    func count(_ s: ChangeScenario, _ name: String = "王小%") throws -> Int64 {
        try s.query("SELECT COUNT(*) FROM pupils WHERE name LIKE ?", [.text(name)]).first?[0].int64 ?? -1
    }

    @Test(arguments: Engine.available)
    func gb18030FileWithErrorsAndTheErrorFileRoundTrip(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let db = s.fixture.database.url.rawValue
        let file = try write(Self.csv(Self.mixed()), gb18030: true)

        let dry = try importing(file, db, ["--dry-run"])
        #expect(dry.status == 1 && dry.json["encoding"] == "gb18030" && dry.json["rows"] == 10 && dry.json["accepted"] == 6 && dry.json["committed"] == false, "\(dry.stderr)")
        let errors = dry.json["errors"]?.arrayValue ?? []
        #expect(errors.filter { $0["row"] == 6 }.count == 5, "all five errors of row 6: \(errors)")
        #expect(errors.contains { $0["row"] == 3 && $0["column"] == "身份证件号" && $0["code"] == "id_birth_date_mismatch" })
        #expect(errors.contains { $0["row"] == 4 && $0["column"] == "班级" && $0["code"] == "unknown_class" })
        #expect(errors.contains { $0["row"] == 5 && $0["code"] == "duplicate_in_file" })
        #expect(dry.json["unknown_columns"] == ["备注栏"])
        #expect(try count(s) == 0)

        let strict = try importing(file, db, ["--strict"])
        #expect(strict.status == 1 && strict.json["committed"] == false)
        #expect(try count(s) == 0)

        let errorFile = temp("errors.csv")
        let committed = try importing(file, db, ["--errors", errorFile.path])
        #expect(committed.json["committed"] == true && committed.json["accepted"] == 6)
        #expect(try count(s) == 6)
        let batch = try #require(committed.json["batch"]?.stringValue)
        #expect(try s.query("SELECT COUNT(*) FROM batch_pupils b JOIN batches t ON t.id = b.batch_id WHERE t.public_id = ?", [.text(batch)]).first?[0].int64 == 6)

        // The error file holds the four bad rows with a reason; fixed, it imports cleanly.
        let raw = [UInt8](try Data(contentsOf: errorFile))
        #expect(raw.starts(with: [0xEF, 0xBB, 0xBF]))   // so Excel opens it as UTF-8
        var text = String(decoding: raw.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("姓名,") && text.contains("错误原因") && text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 5)
        text = text.replacingOccurrences(of: "2020/3/16", with: "2020-03-15").replacingOccurrences(of: "一年级9班", with: "一年级2班")
        let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty && !$0.contains(",X,") && !$0.hasPrefix("王小五") }
        let fixed = temp("fixed.csv")
        try rows.joined(separator: "\r\n").write(to: fixed, atomically: true, encoding: .utf8)
        let again = try importing(fixed, db)
        #expect(again.status == 0 && again.json["accepted"] == 2 && again.json["rejected"] == 0, "\(again.json)")
        #expect(again.json["unknown_columns"] == ["备注栏", "错误原因"])
        #expect(try count(s) == 8)
        let duplicate = try importing(fixed, db)
        #expect(duplicate.json["accepted"] == 0 && duplicate.json["errors"]?[0]?["code"] == "duplicate_identity")

        // Reverting the first import removes exactly its six pupils.
        let revert = try ServerProcess.run(["batch", "revert", batch, "--db", db])
        #expect(revert.status == 0 && revert.stdout.contains("6 pupils"), "\(revert.stderr)")
        #expect(try count(s) == 2)
    }

    @Test(arguments: Engine.available)
    func filesThatCannotBeImportedGetAClearAnswer(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let db = s.fixture.database.url.rawValue
        func refusal(_ bytes: [UInt8]) throws -> (Int32, String) {
            let url = temp("bad")
            try Data(bytes).write(to: url)
            let r = try ServerProcess.run(["import", url.path, "--school", "4101029001", "--db", db])
            return (r.status, r.stderr)
        }
        #expect(try refusal([]) == (65, "xueji: 文件为空。 The file is empty.\n"))
        let headerOnly = try refusal(Array((Self.header + "\r\n").utf8))
        #expect(headerOnly.0 == 65 && headerOnly.1.contains("没有数据行"))
        #expect(try refusal(Array("%PDF-1.4 …".utf8)).1.contains("neither CSV nor XLSX"))
        #expect(try refusal([0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2]).1.contains("damaged"))
        #expect(try refusal(Array("名字,年龄\n张三,7\n".utf8)).1.contains("not the template's header"))
        let missing = try refusal(Array("姓名,性别\n张三,男\n".utf8))
        #expect(missing.0 == 65 && missing.1.contains("出生日期"))
        // A UTF-8 byte-order mark in front of GB18030 bytes.
        let gb = try write(Self.csv([Self.row(name: "李四", birth: "20200101", seq: 12)]), gb18030: true)
        let mixed = try refusal([0xEF, 0xBB, 0xBF] + [UInt8](try Data(contentsOf: gb)))
        #expect(mixed.0 == 65 && mixed.1.contains("byte-order mark"))
        // A UTF-8 file with one GB18030 cell: that cell's row fails, the rest imports.
        var bytes = Array(Self.csv([Self.row(name: "李四", birth: "20200101", seq: 12), Self.row(name: "李五", birth: "20200101", seq: 14)]).utf8)
        if let range = bytes.firstRange(of: Array("郑州市中原区建设路1号".utf8)) {
            bytes.replaceSubrange(range, with: [0xD6, 0xA3, 0xD6, 0xDD])   // 郑州 in GB18030
        }
        let url = temp("mixed.csv")
        try Data(bytes).write(to: url)
        let partly = try importing(url, db, ["--dry-run", "--encoding", "utf-8"])
        #expect(partly.json["accepted"] == 1 && partly.json["errors"]?[0]?["code"] == "encoding_error" && partly.json["errors"]?[0]?["column"] == "现住址", "\(partly.json)")
    }

    @Test(arguments: Engine.available)
    func importOverHTTPWithProgressAndTheErrorFile(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar")
        let bytes = Array(Self.csv(Self.mixed()).utf8)
        let started = try await registrar.upload("/api/v1/imports", filename: "新生.csv", contentType: "text/csv", bytes: bytes)
        #expect(started.status == 202, "\(started.text)")
        let id = try #require(started.json["id"]?.stringValue)
        var state = JSON.null
        for _ in 0..<100 {
            state = try await registrar.get("/api/v1/imports/\(id)").json
            if state["state"] != "running" { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(state["state"] == "done" && state["accepted"] == 6 && state["rejected"] == 4 && state["progress"] == 1, "\(state)")
        #expect(state["batch"]?.stringValue?.hasPrefix("B") == true)
        #expect(try count(s) == 6)
        let errors = try await registrar.get("/api/v1/imports/\(id)/errors?format=csv")
        #expect(errors.status == 200 && errors.header("content-type")?.hasPrefix("text/csv") == true && errors.text.contains("错误原因"))
        let xlsx = try await registrar.get("/api/v1/imports/\(id)/errors?format=xlsx")
        #expect(xlsx.status == 200 && xlsx.body.starts(with: [0x50, 0x4B]))
        // The XLSX error file imports again like any XLSX: its four rows come back with their errors.
        let again = temp("errors.xlsx")
        try xlsx.body.write(to: again)
        let reread = try importing(again, s.fixture.database.url.rawValue, ["--dry-run"])
        #expect(reread.json["rows"] == 4 && reread.json["unknown_columns"] == ["备注栏", "错误原因"], "\(reread.json)")
        let other = try await s.client("registrar2")
        #expect(try await other.get("/api/v1/imports/\(id)").status == 404)
        #expect(try await s.client("principal").upload("/api/v1/imports", filename: "x.csv", contentType: "text/csv", bytes: bytes).status == 403)
    }

    @Test(arguments: Engine.available)
    func aProcessKilledDuringTheWriteLeavesNoRowOfTheImport(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let db = s.fixture.database.url.rawValue
        // 14,000 valid rows (28 birth dates × 500 girls' sequences): the write runs for a while.
        var rows: [[String]] = []
        for day in 1...28 { for seq in stride(from: 0, to: 1000, by: 2) { rows.append(Self.row(name: "王大力", birth: "201909\(String(format: "%02d", day))", seq: seq)) } }
        let file = try write(Self.csv(rows))
        let before = try count(s, "王大力")
        let process = Process(), errors = Pipe()
        process.executableURL = ServerProcess.binary
        process.arguments = ["import", file.path, "--school", "4101029001", "--progress-json", "--db", db]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        // Progress lines of the write phase come from inside its transaction: kill at the second one.
        var killedMidWrite = false, buffer = ""
        while process.isRunning, !killedMidWrite {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += String(decoding: chunk, as: UTF8.self)
            if buffer.components(separatedBy: "\"phase\":\"write\"").count > 2 {
                kill(process.processIdentifier, SIGKILL)
                killedMidWrite = true
            }
        }
        process.waitUntilExit()
        #expect(killedMidWrite && process.terminationReason == .uncaughtSignal, "the import finished before it could be killed: \(buffer.suffix(300))")
        #expect(try count(s, "王大力") == before)
        #expect(try s.query("SELECT COUNT(*) FROM batches WHERE kind = 'import'").first?[0].int64 == 0)
    }

    /// An XLSX written by LibreOffice Calc from a UTF-8 CSV with every column as text (how a
    /// registrar keeps ID numbers and codes such as 00 intact), as `libreoffice --convert-to xlsx`.
    @Test(arguments: Engine.available)
    func xlsxWrittenByLibreOfficeImports(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"), "LibreOffice Calc is installed by scripts/install-deps.sh test")
        let csv = try write(Self.csv(Self.mixed()))
        let outDir = temp("lo")
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        let textColumns = (1...32).map { "\($0)/2" }.joined(separator: "/")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        p.arguments = ["-env:UserInstallation=file://\(outDir.path)/profile", "--headless", "--infilter=CSV:44,34,76,1,\(textColumns)",
                       "--convert-to", "xlsx", "--outdir", outDir.path, csv.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        let xlsx = outDir.appendingPathComponent(csv.deletingPathExtension().lastPathComponent + ".xlsx")
        try #require(FileManager.default.fileExists(atPath: xlsx.path), "soffice wrote no file")
        let r = try importing(xlsx, s.fixture.database.url.rawValue)
        #expect(r.json["rows"] == 10 && r.json["accepted"] == 6 && r.json["committed"] == true, "\(r.json) \(r.stderr)")
        #expect((r.json["errors"]?.arrayValue ?? []).filter { $0["row"] == 6 }.count == 5)
        #expect(try count(s) == 6)
    }

    /// An XLSX written by openpyxl (as another program would): a notes sheet first, the data on the
    /// second; shared strings, numbers, a real date cell, a formula without a cached value, merged cells.
    @Test(arguments: Engine.available)
    func xlsxWrittenByOpenpyxlImports(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let db = s.fixture.database.url.rawValue
        let python = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        try #require(FileManager.default.isExecutableFile(atPath: python), "run scripts/python-env.sh first (make test does)")
        let rows = (1...4).map { Self.row(name: "赵小" + ["一", "二", "三", "四"][$0 - 1], birth: "20200315", seq: 300 + $0 * 2) }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["header": Self.header.components(separatedBy: ","), "rows": rows]), as: UTF8.self)
        let script = temp("make.py"), xlsx = temp("students.xlsx"), input = temp("rows.json")
        try json.write(to: input, atomically: true, encoding: .utf8)
        try """
        import json, sys, datetime, openpyxl
        data = json.load(open(sys.argv[1], encoding="utf-8"))
        wb = openpyxl.Workbook()
        notes = wb.active; notes.title = "说明"; notes["A1"] = "学生基础信息导入模板"
        ws = wb.create_sheet("学生")
        ws.append(data["header"])
        for r in data["rows"]:
            ws.append(r)
        ws["N2"] = 1                                    # grade as a number
        ws["T2"] = 13812345678                          # phone as a number
        ws["C3"] = datetime.datetime(2020, 3, 15)        # a real date cell (a serial in the file)
        ws["C3"].number_format = "yyyy-mm-dd"
        ws["N4"] = "=1+0"                               # a formula with no cached value
        ws.merge_cells("S5:T5")                          # merged: the phone cell is swallowed
        ws.append([])                                   # trailing empty rows
        ws.append([])
        wb.save(sys.argv[2])
        """.write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script.path, input.path, xlsx.path]
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)

        let first = try importing(xlsx, db, ["--dry-run"])
        #expect(first.status == 65 && first.stderr.contains("not the template's header"), "the first sheet holds notes: \(first.stderr)")
        let r = try importing(xlsx, db, ["--sheet", "学生"])
        #expect(r.json["rows"] == 4 && r.json["accepted"] == 2 && r.json["committed"] == true, "\(r.json) \(r.stderr)")
        let errors = r.json["errors"]?.arrayValue ?? []
        #expect(errors.contains { $0["row"] == 3 && $0["column"] == "年级" }, "the formula without a value: \(errors)")
        #expect(errors.contains { $0["row"] == 4 && $0["column"] == "联系电话" }, "the merged-away phone: \(errors)")
        #expect(try count(s, "赵小%") == 2)
        // Xueji's own template (libxlsxwriter, inline strings) reads back: a header and no rows.
        let template = temp("template.xlsx")
        #expect(try ServerProcess.run(["template", "--out", template.path]).status == 0)
        let empty = try ServerProcess.run(["import", template.path, "--school", "4101029001", "--db", db])
        #expect(empty.status == 65 && empty.stderr.contains("没有数据行"), "\(empty.stderr)")
        let broken = temp("broken.xlsx")
        try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 200)).write(to: broken)
        let damaged = try ServerProcess.run(["import", broken.path, "--school", "4101029001", "--db", db])
        #expect(damaged.status == 65 && damaged.stderr.contains("damaged"))
        let noSheet = try ServerProcess.run(["import", xlsx.path, "--school", "4101029001", "--sheet", "无此表", "--db", db])
        #expect(noSheet.status == 65 && noSheet.stderr.contains("no sheet named"))
    }
}

/// Exports through the API: masked by default, a reason required, full numbers only for the school.
@Suite(.serialized) struct ExportTests {
    @Test(arguments: Engine.available)
    func exportsAreMaskedReasonedAndAudited(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let reviewer = try await s.client("county-reviewer"), registrar = try await s.client("registrar")
        #expect(try await reviewer.get("/api/v1/exports/pupils?region=410102").status == 422)
        let csv = try await reviewer.get("/api/v1/exports/pupils?region=410102&reason=%E6%A0%B8%E5%AF%B9%E5%90%8D%E5%8D%95")
        #expect(csv.status == 200 && csv.body.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: csv.body.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first?.hasPrefix("导出人：county-reviewer") == true && lines[1].hasPrefix("全国学籍号,姓名"))
        let count = try s.query("SELECT COUNT(*) FROM pupils WHERE county = '410102'").first?[0].int64 ?? 0
        #expect(Int64(lines.count - 2) == count && lines.dropFirst(2).allSatisfy { $0.contains("********") })
        #expect(try await reviewer.get("/api/v1/exports/pupils?region=410102&reason=x&full=1").json["code"] == "full_export_not_allowed")
        let full = try await registrar.get("/api/v1/exports/pupils?reason=%E8%BD%AC%E5%AD%A6&full=1&format=xlsx")
        #expect(full.status == 200 && full.body.starts(with: [0x50, 0x4B]))
        let audited = try s.query("SELECT action FROM audit_log WHERE action LIKE 'pupil.export%' ORDER BY seq").map { $0[0].string ?? "" }
        #expect(audited == ["pupil.export", "pupil.export_full"])
    }
}
