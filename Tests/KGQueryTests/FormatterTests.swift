import Testing

@testable import KGQuery

@Suite struct FormatterTests {
    let table = ResultTable(
        columns: ["name", "n", "note"],
        rows: [
            [.text("星河科技"), .int(12), .text("a, \"b\"")],
            [.text("STAR"), .double(0.5), .null],
            [.text("x\ty"), .int(-1), .text("two\nlines")],
        ])

    @Test func tablesAlignByDisplayWidth() {
        let text = ResultFormatter.render(table, as: .table)
        #expect(
            text == """
                name      n    note
                --------  ---  ---------
                星河科技  12   a, "b"
                STAR      0.5
                x y       -1   two lines

                """)
    }

    @Test func jsonHasOneObjectPerLineAndTypedValues() {
        #expect(
            ResultFormatter.render(table, as: .json) == """
                [
                {"name":"星河科技","n":12,"note":"a, \\"b\\""},
                {"name":"STAR","n":0.5,"note":null},
                {"name":"x\\ty","n":-1,"note":"two\\nlines"}
                ]

                """)
        #expect(ResultFormatter.render(ResultTable(columns: ["a"]), as: .json) == "[]\n")
    }

    @Test func tsvEscapesTabsAndNewlines() {
        #expect(
            ResultFormatter.render(table, as: .tsv)
                == "name\tn\tnote\n星河科技\t12\ta, \"b\"\nSTAR\t0.5\t\nx\\ty\t-1\ttwo\\nlines\n")
    }

    @Test func csvQuotesPerRFC4180() {
        #expect(
            ResultFormatter.render(table, as: .csv)
                == "name,n,note\r\n星河科技,12,\"a, \"\"b\"\"\"\r\nSTAR,0.5,\r\nx\ty,-1,\"two\nlines\"\r\n")
    }

    @Test func everyFormatHasAName() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "json", "tsv", "csv"])
    }
}
