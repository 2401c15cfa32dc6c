using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Reads one block of the text-extracted format into a form. pdftotext prints a two-column PDF table, so a value may
/// sit on its label's line or on the following lines, a label's colon may stray onto a later line, and a table cell may
/// wrap. Every character of form content lands in a field or in <see cref="DeclarationForm.UnplacedText"/>.
/// </summary>
/// <param name="lines">The block's lines, its title first.</param>
/// <param name="titleLine">The 1-based line number of the title in the whole input.</param>
internal sealed partial class FormBlockReader(IReadOnlyList<string> lines, int titleLine)
{
    private enum Field
    {
        Code, Name, ApplicantUnit, BudgetUnit, PeriodYears, ProjectType, IsNew, AllocationMethod, TotalAmount, CurrentYearAmount,
        PolicyBasis, CalculationBasis, AnnualGoal, LongTermGoal,
    }

    private enum Zone
    {
        Fields,
        Table,
        Tail,
    }

    private readonly Dictionary<Field, List<string>> _values = [];
    private readonly Dictionary<Field, List<string>> _texts = [];
    private readonly List<RowBuilder> _rows = [];
    private readonly List<(int Line, List<string> Lines)> _unplaced = [];
    private readonly List<(int Line, string Text)> _tail = [];
    private readonly Queue<Field> _pendingValues = new();
    private Field? _current;
    private Field? _strayColonOf;
    private RowBuilder? _row;
    private Zone _zone = Zone.Fields;
    private bool _recognised;
    private string? _amountLabelUnit;
    private int _lastUnplacedLine;

    public string? Error { get; private set; }

    public ImportedForm? Read()
    {
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (_zone == Zone.Tail)
            {
                _tail.Add((titleLine + i, line));
                continue;
            }
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                ReadLine(titleLine + i, trimmed);
            }
        }
        if (!_recognised)
        {
            Error = $"第{titleLine}行开始的申报表无法读取：标题下没有找到任何栏目（如“项目编码：”）或指标行。";
            return null;
        }
        ReadTail();
        return Build();
    }

    private void ReadLine(int lineNumber, string trimmed)
    {
        if (LabelLines.IsRemark(trimmed, out var remark))
        {
            _recognised = true;
            _zone = Zone.Tail;
            if (!CommentRemnants.IsTemplateRemark(remark))
            {
                Unplaced(lineNumber, trimmed);
            }
            return;
        }
        if (TryStartRow(lineNumber, trimmed))
        {
            return;
        }
        if (trimmed.StartsWith("一级指标", StringComparison.Ordinal) && trimmed.Contains("二级指标", StringComparison.Ordinal))
        {
            _recognised = true;
            _zone = Zone.Table;
            SetTarget(null);
            return;
        }
        if (LabelLines.IsTextHeading(trimmed, out var label, out var colon, out var rest))
        {
            StartTextField(TextFields[label], colon, rest);
            return;
        }
        if (HeaderLabelAtStart().IsMatch(trimmed))
        {
            ReadHeaderLine(lineNumber, trimmed);
            return;
        }
        Continue(lineNumber, trimmed);
    }

    private void StartTextField(Field field, bool colon, string rest)
    {
        _recognised = true;
        _zone = Zone.Fields;
        SetTarget(field);
        _strayColonOf = colon ? null : field;
        if (rest.Length > 0)
        {
            TextOf(field).Add(rest);
        }
    }

    private void ReadHeaderLine(int lineNumber, string trimmed)
    {
        _recognised = true;
        _zone = Zone.Fields;
        SetTarget(null);
        var labels = new List<(int Index, int Length)>(2);
        foreach (var match in HeaderLabel().EnumerateMatches(trimmed))
        {
            labels.Add((match.Index, match.Length));
        }
        for (var m = 0; m < labels.Count; m++)
        {
            var (index, length) = labels[m];
            var valueEnd = m + 1 < labels.Count ? labels[m + 1].Index : trimmed.Length;
            var value = trimmed[(index + length)..valueEnd].Trim();
            var label = trimmed.AsSpan(index, length);
            var field = HeaderField(label);
            if (field is Field.TotalAmount or Field.CurrentYearAmount)
            {
                _amountLabelUnit ??= UnitOfLabel(label);
            }
            if (_values.ContainsKey(field))
            {
                // A second 项目编码: on one form: keep it verbatim rather than overwrite the first.
                Unplaced(lineNumber, trimmed[index..valueEnd].Trim());
                continue;
            }
            _values[field] = value.Length == 0 ? [] : [value];
            _current = field;
            if (value.Length == 0)
            {
                _pendingValues.Enqueue(field);
            }
        }
    }

    private void Continue(int lineNumber, string trimmed)
    {
        if (_strayColonOf is { } strayField && _current == strayField && trimmed[0] is '：' or ':')
        {
            _strayColonOf = null;
            trimmed = trimmed[1..].Trim();
            if (trimmed.Length == 0)
            {
                return;
            }
        }
        if (_pendingValues.Count > 0)
        {
            _values[_pendingValues.Dequeue()].Add(trimmed);
            return;
        }
        if (_row is not null)
        {
            _row.Continue(trimmed);
            return;
        }
        switch (_current)
        {
            case Field.PolicyBasis or Field.CalculationBasis or Field.AnnualGoal or Field.LongTermGoal:
                TextOf(_current.Value).Add(trimmed);
                break;
            case { } header:
                // A single-line value (a long 项目名称) wrapped onto the next line.
                _values[header].Add(trimmed);
                break;
            default:
                // Consecutive lines that fit nowhere stay one paragraph.
                if (_unplaced.Count > 0 && _lastUnplacedLine >= lineNumber - 2)
                {
                    _unplaced[^1].Lines.Add(trimmed);
                    _lastUnplacedLine = lineNumber;
                }
                else
                {
                    Unplaced(lineNumber, trimmed);
                }
                break;
        }
    }

    private bool TryStartRow(int lineNumber, string trimmed)
    {
        if (!LabelLines.IsRow(trimmed, out var level1, out var category, out var rest) || category is null)
        {
            return false;
        }
        _recognised = true;
        _zone = Zone.Table;
        SetTarget(null);
        _row = new RowBuilder(lineNumber, level1, category.Level2, rest);
        _rows.Add(_row);
        return true;
    }

    private void SetTarget(Field? field)
    {
        _current = field;
        _row = null;
        _pendingValues.Clear();
        _strayColonOf = null;
    }

    private List<string> TextOf(Field field)
    {
        if (!_texts.TryGetValue(field, out var list))
        {
            _texts[field] = list = [];
        }
        return list;
    }

    // After 备注: the PDF comments' hints and authors are dropped; any other text (an orphaned goal paragraph) is kept.
    private void ReadTail()
    {
        var paragraph = new List<string>();
        var paragraphLine = 0;
        for (var i = 0; i < _tail.Count; i++)
        {
            var (lineNumber, line) = _tail[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var next = _tail.FindIndex(i + 1, t => !string.IsNullOrWhiteSpace(t.Text)) is var n and >= 0 ? _tail[n].Text : "";
            var remnant = CommentRemnants.IsHint(line) || (CommentRemnants.IsHint(next) && CommentRemnants.IsAuthorName(line));
            if (remnant)
            {
                Flush();
                continue;
            }
            if (paragraph.Count == 0)
            {
                paragraphLine = lineNumber;
            }
            paragraph.Add(line.TrimEnd());
        }
        Flush();

        void Flush()
        {
            // A bare commenter's name the export leaves on its own (no hint after it, e.g. at the end) is no content.
            if (paragraph.Count == 1 && CommentRemnants.IsBareName(paragraph[0]))
            {
                paragraph.Clear();
            }
            if (paragraph.Count > 0)
            {
                _unplaced.Add((paragraphLine, [string.Join('\n', paragraph).Trim()]));
                paragraph.Clear();
            }
        }
    }

    private ImportedForm Build()
    {
        var form = new DeclarationForm
        {
            Code = Value(Field.Code),
            Name = Value(Field.Name),
            ApplicantUnit = NormaliseUnit(Value(Field.ApplicantUnit)),
            BudgetUnit = NormaliseUnit(Value(Field.BudgetUnit)),
            AllocationMethod = Value(Field.AllocationMethod),
            ProjectType = ParseProjectType(Value(Field.ProjectType)),
            PolicyBasis = Text(Field.PolicyBasis),
            CalculationBasis = Text(Field.CalculationBasis),
            AnnualGoal = Text(Field.AnnualGoal),
            LongTermGoal = Text(Field.LongTermGoal),
            Indicators = [.. _rows.Select(row => row.Build())],
        };
        form.PeriodYears = Parsed(Field.PeriodYears, "实施期限", ParsePeriod);
        form.IsNew = Parsed(Field.IsNew, "是否新增项目", ParseYesNo);
        form.TotalAmountYuan = Parsed(Field.TotalAmount, "项目总金额", ParseAmount);
        form.CurrentYearAmountYuan = Parsed(Field.CurrentYearAmount, "本年度项目金额", ParseAmount);

        var findings = new List<Finding>();
        if (ReconcileUnit(form) is { } unitFinding)
        {
            findings.Add(unitFinding);
        }
        _unplaced.Sort((a, b) => a.Line.CompareTo(b.Line));
        foreach (var (line, lines) in _unplaced)
        {
            var text = string.Join('\n', lines);
            findings.Add(new Finding(RuleIds.ImportOrphanText, RuleIds.SeverityOf(RuleIds.ImportOrphanText), $"unplacedText[{form.UnplacedText.Count}]",
                $"第{line}行的文字“{Preview(text)}”无法归入任何栏目，已原样保留在未归位文字中；请把它移到所属栏目（如年度目标、长期目标）或删除。"));
            form.UnplacedText.Add(text);
        }
        return new ImportedForm(form, titleLine, findings);
    }

    private Finding? ReconcileUnit(DeclarationForm form)
    {
        if (form.CurrentYearAmountYuan is not { } current)
        {
            return null;
        }
        var reconciled = AmountUnitReconciler.Reconcile(current, form.CalculationBasis);
        if (reconciled == AmountUnit.TenThousandYuan)
        {
            form.CurrentYearAmountYuan = current * 10_000;
            form.TotalAmountYuan *= 10_000;
        }
        var label = _amountLabelUnit switch
        {
            "万元" => AmountUnit.TenThousandYuan,
            "元" => AmountUnit.Yuan,
            _ => (AmountUnit?)null,
        };
        if (reconciled is null || label is null || reconciled == label)
        {
            return null;
        }
        var yuan = form.CurrentYearAmountYuan.Value;
        var shown = $"{yuan.ToString("#,##0.00", CultureInfo.InvariantCulture)} 元，即 {(yuan / 10_000).ToString("0.####", CultureInfo.InvariantCulture)} 万元";
        var message = reconciled == AmountUnit.Yuan
            ? $"源表把金额标注为“万元”，但与测算依据核对后数值实为“元”，已按元导入（本年度项目金额 {shown}）；请核对金额单位。"
            : $"源表把金额标注为“元”，但与测算依据核对后数值实为“万元”，已换算为元导入（本年度项目金额 {shown}）；请核对金额单位。";
        return new Finding(RuleIds.AmountUnitSuspect, RuleIds.SeverityOf(RuleIds.AmountUnitSuspect), "currentYearAmountYuan", message);
    }

    // A single-line value (a long 项目名称) may have wrapped onto the next lines.
    private string Value(Field field) => _values.TryGetValue(field, out var pieces) ? WrappedText.JoinLine(pieces) : "";

    private void Unplaced(int lineNumber, string text)
    {
        // A PDF comment remnant is dropped wherever it stands.
        if (CommentRemnants.IsHint(text))
        {
            return;
        }
        _unplaced.Add((lineNumber, [text]));
        _lastUnplacedLine = lineNumber;
    }

    private string Text(Field field) => _texts.TryGetValue(field, out var list) ? WrappedText.Join(list) : "";

    // A value the model cannot hold (实施期限：四年) is kept verbatim so nothing of the form is lost.
    private T? Parsed<T>(Field field, string label, Func<string, T?> parse) where T : struct
    {
        var raw = Value(field);
        if (raw.Length == 0)
        {
            return null;
        }
        var value = parse(raw.Normalize(NormalizationForm.FormKC));
        if (value is null)
        {
            Unplaced(LineOf(label), $"{label}：{raw}");
        }
        return value;
    }

    private int LineOf(string label)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Contains(label, StringComparison.Ordinal))
            {
                return titleLine + i;
            }
        }
        return titleLine;
    }

    private static int? ParsePeriod(string raw) =>
        int.TryParse(raw.Trim().TrimEnd('年').Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years) ? years : null;

    private static bool? ParseYesNo(string raw) => raw.Trim() switch
    {
        "是" => true,
        "否" => false,
        _ => null,
    };

    private static decimal? ParseAmount(string raw)
    {
        var number = string.Concat(raw.Where(c => !char.IsWhiteSpace(c)));
        return decimal.TryParse(number, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }

    private static ProjectType? ParseProjectType(string raw)
    {
        if (raw.Length == 0)
        {
            return null;
        }
        var match = ProjectTypeValue().Match(raw);
        return match.Success ? new ProjectType(match.Groups["code"].Value, match.Groups["name"].Value.Trim()) : new ProjectType("", raw);
    }

    private static string NormaliseUnit(string unit) => SpaceAroundBracket().Replace(unit, "");

    private static string? UnitOfLabel(ReadOnlySpan<char> label) =>
        label.Contains("万元", StringComparison.Ordinal) ? "万元" : label.Contains('元') ? "元" : null;

    private static string Preview(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 24 ? flat : string.Concat(flat.AsSpan(0, 24), "…");
    }

    // The label as HeaderLabel matched it, colon included.
    private static Field HeaderField(ReadOnlySpan<char> label)
    {
        foreach (var (prefix, field) in HeaderFields)
        {
            if (label.StartsWith(prefix, StringComparison.Ordinal))
            {
                return field;
            }
        }
        return Field.CurrentYearAmount;
    }

    private static readonly (string Prefix, Field Field)[] HeaderFields =
    [
        ("项目编码", Field.Code), ("项目名称", Field.Name), ("申请单位", Field.ApplicantUnit), ("一级预算单位", Field.BudgetUnit),
        ("实施期限", Field.PeriodYears), ("项目类型", Field.ProjectType), ("是否新增项目", Field.IsNew), ("分配方式", Field.AllocationMethod),
        ("项目总金额", Field.TotalAmount), ("本年度项目金额", Field.CurrentYearAmount),
    ];

    // In the order of LabelLines.TextLabels.
    private static readonly Field[] TextFields = [Field.PolicyBasis, Field.CalculationBasis, Field.AnnualGoal, Field.LongTermGoal];

    private const string HeaderLabels =
        @"项目编码|项目名称|申请单位|一级预算单位|实施期限|项目类型|是否新增项目|分配方式|项目总金额\s*(?:[（(][^）)]*[）)])?|本年度项目金额\s*(?:[（(][^）)]*[）)])?";

    [GeneratedRegex(@"(?:" + HeaderLabels + @")\s*[：:]")]
    private static partial Regex HeaderLabel();

    [GeneratedRegex(@"^(?:" + HeaderLabels + @")\s*[：:]")]
    private static partial Regex HeaderLabelAtStart();

    [GeneratedRegex(@"^(?<code>[0-9０-９]+)\s*(?<name>.*)$")]
    private static partial Regex ProjectTypeValue();

    [GeneratedRegex(@"\s+(?=[（(）)])|(?<=[（(])\s+")]
    private static partial Regex SpaceAroundBracket();

    /// <summary>A table row being read: its first line, then the lines its cells wrapped onto.</summary>
    private sealed class RowBuilder(int line, string level1, string level2, string rest)
    {
        private const int MaxNameLines = 3;
        private readonly List<string> _explanation = [];
        private string _rest = rest;
        private int _rejoined;
        private RowCells _cells = IndicatorRowSplitter.Split(rest);

        public int Line { get; } = line;

        public void Continue(string text)
        {
            // A name wrapped before its value was printed: rejoin the name and split again (a few lines at most).
            if (!_cells.HasValue && _cells.Explanation.Length == 0 && _explanation.Count == 0 && _rejoined++ < MaxNameLines)
            {
                var separator = IndicatorRowSplitter.StartsWithValue(text) || text.StartsWith("该指标", StringComparison.Ordinal) ? " " : "";
                _rest = _rest + separator + text;
                _cells = IndicatorRowSplitter.Split(_rest);
                return;
            }
            _explanation.Add(text);
        }

        public IndicatorRow Build()
        {
            var explanation = _cells.Explanation.Length > 0 ? [_cells.Explanation, .. _explanation] : _explanation;
            var row = new IndicatorRow
            {
                Level1 = level1,
                Level2 = level2,
                Name = _cells.Name,
                Value = _cells.Value,
                Explanation = WrappedText.Join(explanation),
            };
            row.NotApplicable = row is { Name: NotApplicableText, Value: NotApplicableText, Explanation: NotApplicableText };
            return row;
        }

        private const string NotApplicableText = "不适用";
    }
}
