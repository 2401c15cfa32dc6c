using System.Collections.Frozen;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>
/// Parses 指标值 by the grammar of docs/rules.md with a hand-written scanner (it runs for every row of every form).
/// Never throws: malformed input yields a <see cref="IndicatorValueKind.Malformed"/> value whose Problem says why in zh-CN.
/// </summary>
public static class IndicatorValueParser
{
    public const string NotApplicableText = "不适用";

    private static readonly IndicatorValue EmptyValue = new(IndicatorValueKind.Empty, null, null, null, UnitClass.None);
    private static readonly IndicatorValue NotApplicableValue = new(IndicatorValueKind.NotApplicable, null, null, null, UnitClass.None);

    // Longest spellings first where one is a prefix of another (大于等于 before 大于, >= before >).
    private static readonly (string Text, Comparison Op)[] Comparators =
    [
        ("大于等于", Comparison.GreaterOrEqual), ("大于或等于", Comparison.GreaterOrEqual), ("不低于", Comparison.GreaterOrEqual),
        ("不少于", Comparison.GreaterOrEqual), ("≥", Comparison.GreaterOrEqual), ("≧", Comparison.GreaterOrEqual),
        (">=", Comparison.GreaterOrEqual), ("小于等于", Comparison.LessOrEqual), ("小于或等于", Comparison.LessOrEqual),
        ("不高于", Comparison.LessOrEqual), ("不超过", Comparison.LessOrEqual), ("不多于", Comparison.LessOrEqual),
        ("≤", Comparison.LessOrEqual), ("≦", Comparison.LessOrEqual), ("<=", Comparison.LessOrEqual),
        ("高于", Comparison.Greater), ("大于", Comparison.Greater), ("超过", Comparison.Greater), (">", Comparison.Greater),
        ("低于", Comparison.Less), ("小于", Comparison.Less), ("少于", Comparison.Less), ("<", Comparison.Less),
        ("等于", Comparison.Equal), ("=", Comparison.Equal),
        ("至少", Comparison.GreaterOrEqual), ("最少", Comparison.GreaterOrEqual), ("最低", Comparison.GreaterOrEqual),
        ("至多", Comparison.LessOrEqual), ("最多", Comparison.LessOrEqual), ("最高", Comparison.LessOrEqual),
    ];

    private static readonly FrozenDictionary<string, (string Unit, UnitClass Class)> Units = BuildUnits();
    private static readonly FrozenDictionary<string, (string Unit, UnitClass Class)>.AlternateLookup<ReadOnlySpan<char>> UnitLookup =
        Units.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string> QualitativeWords = FrozenSet.Create(StringComparer.Ordinal,
        "及时", "按时", "达标", "合格", "完成", "准确", "规范", "有效", "良好", "优良", "稳定", "显著", "明显", "是",
        "按期", "按时完成", "及时完成", "按期完成", "全部完成", "全面完成", "顺利完成", "符合要求", "符合标准", "达到预期",
        "达到要求", "满意", "提升", "提高", "改善", "降低", "增加", "增强", "加强");

    private static readonly string[] QualitativeAdverbs =
        ["有效", "积极", "明显", "显著", "逐步", "持续", "稳步", "进一步", "不断", "大幅", "全面", "切实", "充分"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> QualitativeLookup =
        QualitativeWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // Words that name an earlier period a target is measured against (高于上年, 较去年同期增长10%).
    private static readonly string[] EarlierPeriods = ["上年", "去年", "上一年", "往年", "同期", "同比", "环比", "上期", "前一年", "历年"];

    // Verbs of change: with a number they state a change (提高5%), so the value is relative to the current level.
    private static readonly string[] ChangeVerbs =
        ["提高", "提升", "增长", "增加", "上升", "降低", "下降", "减少", "缩短", "压缩", "增幅", "降幅", "增速", "减幅"];

    // Verbs of completion before a number (完成100%, 达到95%以上, 控制在5天内): the number is the target.
    private static readonly (string Verb, Comparison Default)[] CompletionVerbs =
    [
        ("控制在", Comparison.LessOrEqual), ("控制", Comparison.LessOrEqual), ("压降至", Comparison.LessOrEqual), ("降至", Comparison.LessOrEqual),
        ("达到", Comparison.GreaterOrEqual), ("达", Comparison.GreaterOrEqual), ("完成", Comparison.Equal), ("实现", Comparison.Equal),
        ("确保", Comparison.Equal), ("保持", Comparison.Equal), ("维持", Comparison.Equal), ("力争", Comparison.Equal), ("争取", Comparison.Equal),
        ("覆盖", Comparison.Equal), ("累计", Comparison.Equal), ("共", Comparison.Equal), ("全年", Comparison.Equal), ("年均", Comparison.Equal),
    ];

    private static readonly string[] Periods = ["半年", "季度", "学期", "年度", "年", "季", "月", "周", "天", "日"];

    private const string ChineseNumerals = "零〇一二两三四五六七八九十百千";

    /// <summary>Parses a raw 指标值. Empty input gives <see cref="IndicatorValueKind.Empty"/>.</summary>
    public static IndicatorValue Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return EmptyValue;
        }
        var text = DeclarationText.Normalize(raw).AsSpan().Trim().TrimEnd("。.;；").TrimEnd();
        if (text.IsEmpty)
        {
            return EmptyValue;
        }
        if (text.SequenceEqual(NotApplicableText))
        {
            return NotApplicableValue;
        }
        if (IsQualitative(text))
        {
            return Worded(IndicatorValueKind.Qualitative, text);
        }
        if (MentionsEarlierPeriod(text))
        {
            return ParseRelative(text);
        }
        if (LooksLikeDeadline(text))
        {
            return Worded(IndicatorValueKind.Deadline, text);
        }
        if (text[0] == '每')
        {
            return ParsePerPeriod(text);
        }
        var value = ParseQuantity(text);
        if (value.Kind != IndicatorValueKind.Malformed)
        {
            return value;
        }
        // A verb before the number: 完成100%, 提高5%, 控制在5天内.
        if (ParseAfterVerb(text) is { } verbal)
        {
            return verbal;
        }
        // A worded target without any digit (全覆盖, 零事故, 有所提升, 稳中有升) is a qualitative target.
        if (IsWorded(text))
        {
            return Worded(IndicatorValueKind.Qualitative, text);
        }
        return value;
    }

    /// <summary>True when <paramref name="raw"/> is exactly 不适用 after normalisation.</summary>
    public static bool IsNotApplicable(string? raw) =>
        raw is not null && DeclarationText.Normalize(raw).AsSpan().Trim().SequenceEqual(NotApplicableText);

    private static IndicatorValue Worded(IndicatorValueKind kind, ReadOnlySpan<char> text) =>
        new(kind, null, null, null, UnitClass.None, Text: text.ToString());

    private static bool MentionsEarlierPeriod(ReadOnlySpan<char> text)
    {
        foreach (var period in EarlierPeriods)
        {
            if (text.Contains(period, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // 高于上年, 不低于上年水平, 与上年持平, 较上年增长10%, 同比提高2个百分点, ≥上年.
    private static IndicatorValue ParseRelative(ReadOnlySpan<char> text)
    {
        var digit = FirstDigit(text);
        if (digit < 0)
        {
            if (!IsWorded(text, allowSymbols: true))
            {
                return Malformed("无法识别的指标值，应为数值（如≥90%）或定性表述（如及时、高于上年）");
            }
            var stated = ComparatorIn(text);
            if (stated is null && text.Contains("持平", StringComparison.Ordinal))
            {
                stated = Comparison.Equal;
            }
            return new IndicatorValue(IndicatorValueKind.Relative, stated, null, null, UnitClass.None, Text: text.ToString());
        }
        // The change: from a comparator right before the number (较上年增长≥10%), else the number itself.
        var prefix = text[..digit];
        for (var j = 0; j < digit; j++)
        {
            if (IsBoundaryBefore(text, j) && ParseQuantity(text[j..]) is { Kind: IndicatorValueKind.Quantitative } compared)
            {
                return compared with { Kind = IndicatorValueKind.Relative, Text = text.ToString() };
            }
        }
        var change = ParseQuantity(text[digit..]);
        if (change.Kind != IndicatorValueKind.Quantitative)
        {
            return change;
        }
        var op = change.Op;
        if (op == Comparison.Equal)
        {
            op = ComparatorIn(prefix) ?? (ContainsAny(prefix, ChangeVerbs) ? Comparison.GreaterOrEqual : Comparison.Equal);
        }
        return change with { Kind = IndicatorValueKind.Relative, Op = op, Text = text.ToString() };
    }

    private static Comparison? ComparatorIn(ReadOnlySpan<char> text)
    {
        foreach (var (spelling, comparison) in Comparators)
        {
            if (text.Contains(spelling, StringComparison.Ordinal))
            {
                return comparison;
            }
        }
        return null;
    }

    // True where a comparator spelling starts at 'at' (so the change reads "≥10%", not "10%").
    private static bool IsBoundaryBefore(ReadOnlySpan<char> text, int at)
    {
        foreach (var (spelling, _) in Comparators)
        {
            if (text[at..].StartsWith(spelling, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // 每月1次, 每年不少于2场, 每季度开展1次 → count per period (unit 次/月).
    private static IndicatorValue ParsePerPeriod(ReadOnlySpan<char> text)
    {
        var rest = text[1..];
        string? period = null;
        foreach (var p in Periods)
        {
            if (rest.StartsWith(p, StringComparison.Ordinal))
            {
                period = p;
                rest = rest[p.Length..];
                break;
            }
        }
        if (period is null)
        {
            // 每人3000元 and the like: a rate per unit.
            var digitAt = FirstDigit(rest);
            if (digitAt is >= 1 and <= 4 && AllHan(rest[..digitAt]))
            {
                var perUnit = ParseQuantity(rest[digitAt..]);
                return perUnit.Kind == IndicatorValueKind.Quantitative && perUnit.Unit is { } u
                    ? perUnit with { Unit = $"{u}/{rest[..digitAt]}", UnitClass = UnitClass.Compound }
                    : perUnit;
            }
            return IsWorded(text) ? Worded(IndicatorValueKind.Qualitative, text) : Malformed("无法识别的指标值，应为数值（如≥90%）或定性表述（如及时、有效保障）");
        }
        var first = FirstDigitOrNumeral(rest);
        if (first < 0)
        {
            return IsWorded(text) ? Worded(IndicatorValueKind.Qualitative, text) : Malformed("每期的次数缺少数字");
        }
        // Words between the period and the number (开展, 至少) are dropped unless they are a comparator.
        var from = first;
        for (var j = 0; j < first; j++)
        {
            if (IsBoundaryBefore(rest, j))
            {
                from = j;
                break;
            }
        }
        var count = ParseQuantity(rest[from..]);
        if (count.Kind != IndicatorValueKind.Quantitative)
        {
            return count;
        }
        var unit = count.Unit ?? "次";
        return count with { Unit = $"{unit}/{period}", UnitClass = UnitClass.Compound };
    }

    // A verb (completion or change) and optional words before the number: 完成100%, 提高5%, 全年不少于12场, 完成率≥95%.
    private static IndicatorValue? ParseAfterVerb(ReadOnlySpan<char> text)
    {
        var first = FirstDigitOrNumeral(text);
        if (first <= 0 || first > 12)
        {
            return null;
        }
        var cut = first;
        for (var j = 1; j < first; j++)
        {
            if (IsBoundaryBefore(text, j))
            {
                cut = j;
                break;
            }
        }
        var words = text[..cut];
        if (!AllHan(words))
        {
            return null;
        }
        var value = ParseQuantity(text[cut..]);
        if (value.Kind != IndicatorValueKind.Quantitative)
        {
            return null;
        }
        if (ContainsAny(words, ChangeVerbs))
        {
            var op = value.Op == Comparison.Equal ? Comparison.GreaterOrEqual : value.Op;
            return value with { Kind = IndicatorValueKind.Relative, Op = op, Text = text.ToString() };
        }
        if (value.Op == Comparison.Equal)
        {
            foreach (var (verb, comparison) in CompletionVerbs)
            {
                if (words.StartsWith(verb, StringComparison.Ordinal))
                {
                    return value with { Op = comparison };
                }
            }
        }
        return value;
    }

    // 2024年12月底前, 12月31日前完成, 年底前, 6月30日之前: a date as a timeliness target.
    private static bool LooksLikeDeadline(ReadOnlySpan<char> text)
    {
        var hasDate = text.Contains('年') || text.Contains('月') || text.Contains('日');
        if (!hasDate || !(text.Contains('前') || text.Contains("底", StringComparison.Ordinal) || text.Contains("末", StringComparison.Ordinal)
            || text.EndsWith("完成", StringComparison.Ordinal)))
        {
            return false;
        }
        // Digits only in front of 年/月/日 (a date), no comparator or other unit.
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                var j = i;
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }
                if (j >= text.Length || text[j] is not ('年' or '月' or '日' or '号'))
                {
                    return false;
                }
                i = j;
            }
            else if (!DeclarationText.IsHan(text[i]) && text[i] is not (' ' or '-' or '/'))
            {
                return false;
            }
        }
        return true;
    }

    // Words only (Han characters, with list punctuation): a qualitative target such as 全覆盖 or 零事故.
    private static bool IsWorded(ReadOnlySpan<char> text, bool allowSymbols = false)
    {
        if (text.Length is 0 or > 40)
        {
            return false;
        }
        var han = 0;
        foreach (var c in text)
        {
            if (DeclarationText.IsHan(c))
            {
                han++;
            }
            else if (c is not ('、' or ',' or ' ' or '(' or ')' or '"' or '“' or '”') && !(allowSymbols && c is '≥' or '≤' or '>' or '<' or '='))
            {
                return false;
            }
        }
        return han >= 2;
    }

    private static bool ContainsAny(ReadOnlySpan<char> text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static int FirstDigit(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    // First ASCII digit, or a Chinese numeral directly followed by a known unit (两次, 三场).
    private static int FirstDigitOrNumeral(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                return i;
            }
            if (ChineseNumerals.Contains(text[i]) && TryChineseNumber(text[i..], out _, out var length) && IsExactUnit(text[(i + length)..]))
            {
                return i;
            }
        }
        return -1;
    }

    // A Chinese numeral counts only before a listed unit and nothing else (三场, 两次以上; not 一次性验收).
    private static bool IsExactUnit(ReadOnlySpan<char> rest)
    {
        foreach (var (ending, _) in Endings)
        {
            if (rest.EndsWith(ending, StringComparison.Ordinal))
            {
                rest = rest[..^ending.Length];
                break;
            }
        }
        return UnitLookup.ContainsKey(rest);
    }

    /// <summary>Reads a Chinese numeral up to 9999 (三, 十五, 二十, 两百, 一千二百): value and characters used.</summary>
    internal static bool TryChineseNumber(ReadOnlySpan<char> text, out decimal value, out int length)
    {
        value = 0;
        length = 0;
        long total = 0;
        long digit = -1;
        var i = 0;
        for (; i < text.Length && i < 8; i++)
        {
            var c = text[i];
            var d = c switch { '两' => 2, '〇' => 0, _ => "零一二三四五六七八九".IndexOf(c) };
            if (d >= 0)
            {
                digit = d;
                continue;
            }
            var multiplier = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (multiplier == 0)
            {
                break;
            }
            total += (digit < 0 ? (multiplier == 10 ? 1 : 0) : digit) * multiplier;
            if (digit < 0 && multiplier != 10)
            {
                return false;
            }
            digit = -1;
        }
        if (i == 0)
        {
            return false;
        }
        if (digit > 0)
        {
            total += digit;
        }
        if (total == 0 && digit != 0)
        {
            return false;
        }
        value = total;
        length = i;
        return true;
    }

    private static IndicatorValue ParseQuantity(ReadOnlySpan<char> text)
    {
        var pos = 0;
        Comparison? prefixOp = null;
        foreach (var (spelling, comparison) in Comparators)
        {
            if (text.StartsWith(spelling, StringComparison.Ordinal))
            {
                prefixOp = comparison;
                pos = spelling.Length;
                break;
            }
        }
        pos = SkipSpaces(text, pos);
        if (pos < text.Length && text[pos] == '约')
        {
            pos = SkipSpaces(text, pos + 1);
        }
        if (pos < text.Length && !char.IsAsciiDigit(text[pos]) && TryChineseNumber(text[pos..], out var chinese, out var used)
            && IsExactUnit(text[(pos + used)..]))
        {
            return Finish(text[(pos + used)..], prefixOp, chinese);
        }
        if (pos >= text.Length || !char.IsAsciiDigit(text[pos]))
        {
            return Malformed(prefixOp is null ? "无法识别的指标值，应为数值（如≥90%）或定性表述（如及时、有效保障）" : "比较符后缺少数字");
        }
        if (!TryReadNumber(text, ref pos, out var number, out var problem))
        {
            return Malformed(problem);
        }
        // A range: 90%-95%, 3~5天, 5至10个.
        var afterFirst = pos;
        var unitEnd = afterFirst;
        while (unitEnd < text.Length && text[unitEnd] is not ('-' or '~' or '—' or '至' or '到') && !char.IsAsciiDigit(text[unitEnd]))
        {
            unitEnd++;
        }
        if (prefixOp is null && unitEnd < text.Length && unitEnd - afterFirst <= 4 && text[unitEnd] is '-' or '~' or '—' or '至' or '到')
        {
            var upperAt = unitEnd + 1;
            while (upperAt < text.Length && text[upperAt] is '-' or '—' or ' ')
            {
                upperAt++;
            }
            if (upperAt < text.Length && char.IsAsciiDigit(text[upperAt]) && TryReadNumber(text, ref upperAt, out var upper, out _))
            {
                var firstUnit = text[afterFirst..unitEnd].Trim();
                var range = Finish(text[upperAt..], null, upper);
                if (range.Kind == IndicatorValueKind.Quantitative && upper > number
                    && (firstUnit.IsEmpty || firstUnit.SequenceEqual(range.Unit)))
                {
                    return range with { Op = Comparison.Between, Number = number, UpperNumber = upper };
                }
                return Malformed("范围的写法不正确，应为如“90%-95%”“3-5天”");
            }
        }
        return Finish(text[pos..], prefixOp, number);
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int pos, out decimal number, out string problem)
    {
        number = 0;
        problem = "";
        var numberStart = pos;
        if (text[pos] == '0' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1]))
        {
            problem = "数字不能以0开头（如“00”“007”）";
            return false;
        }
        if (!ReadDigits(text, ref pos))
        {
            problem = "数字的千分位分隔不正确";
            return false;
        }
        if (pos < text.Length && text[pos] == '.')
        {
            if (pos + 1 >= text.Length || !char.IsAsciiDigit(text[pos + 1]))
            {
                problem = "小数点后缺少数字";
                return false;
            }
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
            if (pos < text.Length && text[pos] == '.')
            {
                problem = "数字中有多个小数点";
                return false;
            }
        }
        var numberText = text[numberStart..pos];
        Span<char> buffer = stackalloc char[Math.Min(numberText.Length, 64)];
        var length = 0;
        foreach (var c in numberText)
        {
            if (c != ',' && length < buffer.Length)
            {
                buffer[length++] = c;
            }
        }
        if (numberText.Length > 40 || !DeclarationText.TryParseDecimal(buffer[..length], out number))
        {
            problem = "数字过长或无法识别";
            return false;
        }
        return true;
    }

    // After the number: 余/多 (at least), the unit, 以上/以内/以下/左右, and a short trailing word (100%覆盖, 5家企业).
    private static IndicatorValue Finish(ReadOnlySpan<char> after, Comparison? prefixOp, decimal number)
    {
        var rest = after[SkipSpaces(after, 0)..];
        Comparison? suffixOp = null;
        if (rest.StartsWith("余", StringComparison.Ordinal) || rest.StartsWith("多", StringComparison.Ordinal))
        {
            suffixOp = Comparison.GreaterOrEqual;
            rest = rest[1..];
        }
        foreach (var (ending, op) in Endings)
        {
            if (rest.EndsWith(ending, StringComparison.Ordinal))
            {
                if (suffixOp is { } earlier && earlier != op)
                {
                    return Malformed("比较符与“以上/以内/以下”相互矛盾");
                }
                suffixOp = op;
                rest = rest[..^ending.Length];
                break;
            }
        }
        rest = rest.TrimEnd();

        if (prefixOp is not null && suffixOp is not null && prefixOp != suffixOp && prefixOp != Comparison.Equal)
        {
            return Malformed("比较符与“以上/以内/以下”相互矛盾");
        }
        var resolved = suffixOp ?? prefixOp ?? Comparison.Equal;

        if (rest.IsEmpty)
        {
            return new IndicatorValue(IndicatorValueKind.Quantitative, resolved, number, null, UnitClass.None);
        }
        if (!TryClassifyUnit(rest, out var unit, out var unitClass))
        {
            return Malformed($"单位“{DeclarationText.Excerpt(rest.ToString(), 10)}”无法识别");
        }
        return new IndicatorValue(IndicatorValueKind.Quantitative, resolved, number, unit, unitClass);
    }

    private static readonly (string Ending, Comparison Op)[] Endings =
    [
        ("及以上", Comparison.GreaterOrEqual), ("以上", Comparison.GreaterOrEqual), ("以内", Comparison.LessOrEqual),
        ("之内", Comparison.LessOrEqual), ("以下", Comparison.LessOrEqual), ("及以下", Comparison.LessOrEqual),
        ("左右", Comparison.Equal), ("内", Comparison.LessOrEqual),
    ];

    // Reads integer digits, accepting correct thousands groups (1,000); false on a broken group.
    private static bool ReadDigits(ReadOnlySpan<char> text, ref int pos)
    {
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        var firstGroup = pos - start;
        while (pos + 1 < text.Length && text[pos] == ',' && char.IsAsciiDigit(text[pos + 1]))
        {
            var groupStart = pos + 1;
            var end = groupStart;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            if (end - groupStart != 3 || firstGroup > 3)
            {
                return false;
            }
            pos = end;
        }
        return true;
    }

    private static bool TryClassifyUnit(ReadOnlySpan<char> unit, out string text, out UnitClass unitClass)
    {
        if (UnitLookup.TryGetValue(unit, out var known))
        {
            (text, unitClass) = known;
            return true;
        }
        var slash = unit.IndexOf('/');
        if (slash > 0 && slash < unit.Length - 1 && IsUnitPart(unit[..slash]) && IsUnitPart(unit[(slash + 1)..]))
        {
            text = unit.ToString();
            unitClass = UnitClass.Compound;
            return true;
        }
        // A known unit followed by a short word (100%覆盖, 5家企业, 95%以上达标): the unit is the known part.
        for (var n = Math.Min(unit.Length - 1, 4); n >= 1; n--)
        {
            if (UnitLookup.TryGetValue(unit[..n], out var head) && unit.Length - n <= 6 && AllHan(unit[n..]))
            {
                (text, unitClass) = head;
                return true;
            }
        }
        // Measure words are an open class in Chinese: a short all-Han unit is a count unit we have not listed.
        if (unit.Length <= 3 && AllHan(unit))
        {
            text = unit.ToString();
            unitClass = UnitClass.Count;
            return true;
        }
        text = "";
        unitClass = UnitClass.None;
        return false;
    }

    private static bool IsUnitPart(ReadOnlySpan<char> part) => UnitLookup.ContainsKey(part)
        || (part.Length <= 3 && AllHan(part));

    private static bool AllHan(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!DeclarationText.IsHan(c))
            {
                return false;
            }
        }
        return !text.IsEmpty;
    }

    private static bool IsQualitative(ReadOnlySpan<char> text)
    {
        if (QualitativeLookup.Contains(text))
        {
            return true;
        }
        foreach (var adverb in QualitativeAdverbs)
        {
            if (text.StartsWith(adverb, StringComparison.Ordinal))
            {
                var verb = text[adverb.Length..];
                return verb.Length is >= 1 and <= 4 && AllHan(verb);
            }
        }
        return false;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
        return pos;
    }

    private static IndicatorValue Malformed(string problem) =>
        new(IndicatorValueKind.Malformed, null, null, null, UnitClass.None, Problem: problem);

    private static FrozenDictionary<string, (string, UnitClass)> BuildUnits()
    {
        var units = new Dictionary<string, UnitClass>(StringComparer.Ordinal)
        {
            ["%"] = UnitClass.Percent,
            ["‰"] = UnitClass.Percent,
            ["个百分点"] = UnitClass.Percent,
            ["百分点"] = UnitClass.Percent,
            ["元"] = UnitClass.Money,
            ["万元"] = UnitClass.Money,
            ["千元"] = UnitClass.Money,
            ["亿元"] = UnitClass.Money,
            ["分"] = UnitClass.Score,
            ["星"] = UnitClass.Score,
            ["级"] = UnitClass.Score,
        };
        foreach (var unit in new[] { "天", "日", "个工作日", "工作日", "个自然日", "自然日", "小时", "分钟", "秒", "月", "个月", "周", "年", "季度" })
        {
            units[unit] = UnitClass.Time;
        }
        foreach (var unit in new[]
        {
            "次", "场", "场次", "家", "家次", "人", "人次", "名", "位", "个", "种", "项", "台", "套", "件", "份", "户", "批", "批次",
            "篇", "期", "所", "处", "座", "辆", "张", "本", "册", "条", "部", "支", "类", "组", "间", "栋", "块", "株", "棵", "轮",
            "届", "门", "课时", "平方米", "米", "公里", "千米", "吨", "千瓦时", "万千瓦时", "GB",
        })
        {
            units[unit] = UnitClass.Count;
        }
        return units.ToFrozenDictionary(pair => pair.Key, pair => (pair.Key, pair.Value), StringComparer.Ordinal);
    }
}
