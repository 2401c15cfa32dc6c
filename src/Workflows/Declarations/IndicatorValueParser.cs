using System.Collections.Frozen;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>
/// Parses 指标值 by the grammar of docs/domain.md §2 with a hand-written scanner (it runs for every row of every form).
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

    /// <summary>Parses a raw 指标值. Empty input gives <see cref="IndicatorValueKind.Empty"/>.</summary>
    public static IndicatorValue Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return EmptyValue;
        }
        var text = DeclarationText.Normalize(raw).AsSpan().Trim().TrimEnd("。.");
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
            return new IndicatorValue(IndicatorValueKind.Qualitative, null, null, null, UnitClass.None, Text: text.ToString());
        }
        return ParseQuantity(text);
    }

    /// <summary>True when <paramref name="raw"/> is exactly 不适用 after normalisation.</summary>
    public static bool IsNotApplicable(string? raw) =>
        raw is not null && DeclarationText.Normalize(raw).AsSpan().Trim().SequenceEqual(NotApplicableText);

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
        if (pos >= text.Length || !char.IsAsciiDigit(text[pos]))
        {
            return Malformed(prefixOp is null ? "无法识别的指标值，应为数值（如≥90%）或定性表述（如及时、有效保障）" : "比较符后缺少数字");
        }

        var numberStart = pos;
        if (text[pos] == '0' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1]))
        {
            return Malformed("数字不能以0开头（如“00”“007”）");
        }
        if (!ReadDigits(text, ref pos))
        {
            return Malformed("数字的千分位分隔不正确");
        }
        if (pos < text.Length && text[pos] == '.')
        {
            if (pos + 1 >= text.Length || !char.IsAsciiDigit(text[pos + 1]))
            {
                return Malformed("小数点后缺少数字");
            }
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
            if (pos < text.Length && text[pos] == '.')
            {
                return Malformed("数字中有多个小数点");
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
        if (numberText.Length > 40 || !DeclarationText.TryParseDecimal(buffer[..length], out var number))
        {
            return Malformed("数字过长或无法识别");
        }

        var rest = text[SkipSpaces(text, pos)..];
        Comparison? suffixOp = null;
        if (rest.EndsWith("以上", StringComparison.Ordinal))
        {
            suffixOp = Comparison.GreaterOrEqual;
            rest = rest[..^2];
        }
        else if (rest.EndsWith("以内", StringComparison.Ordinal) || rest.EndsWith("以下", StringComparison.Ordinal))
        {
            suffixOp = Comparison.LessOrEqual;
            rest = rest[..^2];
        }
        else if (rest.EndsWith("内", StringComparison.Ordinal))
        {
            suffixOp = Comparison.LessOrEqual;
            rest = rest[..^1];
        }
        rest = rest.TrimEnd();

        if (prefixOp is not null && suffixOp is not null && prefixOp != suffixOp && prefixOp != Comparison.Equal)
        {
            return Malformed("比较符与“以上/以内/以下”相互矛盾");
        }
        var op = suffixOp ?? prefixOp ?? Comparison.Equal;

        if (rest.IsEmpty)
        {
            return new IndicatorValue(IndicatorValueKind.Quantitative, op, number, null, UnitClass.None);
        }
        if (!TryClassifyUnit(rest, out var unit, out var unitClass))
        {
            return Malformed($"单位“{DeclarationText.Excerpt(rest.ToString(), 10)}”无法识别");
        }
        return new IndicatorValue(IndicatorValueKind.Quantitative, op, number, unit, unitClass);
    }

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
