using System.Text.RegularExpressions;

namespace PerfWorkflow.Workflows.Import;

/// <summary>三级指标, 指标值 and 指标解释 of a table row, as substrings of the source (inner spacing kept).</summary>
internal sealed record RowCells(string Name, string Value, string Explanation)
{
    public bool HasValue => Value.Length > 0;
}

/// <summary>
/// Splits what follows 一级指标 and 二级指标 on a table line into its three cells. pdftotext separates cells by a space
/// only, so the value is found by its shape (a comparison, a number, a qualitative verb) and the name is what precedes it.
/// </summary>
internal static partial class IndicatorRowSplitter
{
    private const string NotApplicable = "不适用";

    public static RowCells Split(string rest)
    {
        var tokens = Tokens(rest);
        if (tokens.Count == 0)
        {
            return new RowCells("", "", "");
        }
        var value = FindValue(rest, tokens);
        if (value is not (int first, int last))
        {
            return SplitWithoutValue(rest, tokens);
        }
        var name = first == 0 ? "" : Span(rest, tokens[0], tokens[first - 1]);
        var explanation = last + 1 < tokens.Count ? Span(rest, tokens[last + 1], tokens[^1]) : "";
        return new RowCells(name, Span(rest, tokens[first], tokens[last]), explanation);
    }

    /// <summary>True when the first word of <paramref name="text"/> reads as an 指标值 (used to rejoin a wrapped name).</summary>
    public static bool StartsWithValue(string text)
    {
        var tokens = Tokens(text);
        return tokens.Count > 0 && LooksLikeValue(Text(text, tokens[0]), strict: false);
    }

    private static (int First, int Last)? FindValue(string rest, List<Range> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = Text(rest, tokens[i]);
            // The first word is the name unless it can only be a value (a name may well start with a digit: 5G基站数),
            // or it is a qualitative value followed by no other value: the row then lacks its name.
            var isValue = i == 0
                ? LooksLikeValue(token, strict: true)
                    || (IsQualitative(token) && (tokens.Count == 1 || !LooksLikeValue(Text(rest, tokens[1]), strict: false)))
                : LooksLikeValue(token, strict: false);
            if (!isValue)
            {
                continue;
            }
            var last = i;
            // "≥ 90%" or "90 %": a comparison or a bare number split from its rest by a space.
            if (last + 1 < tokens.Count && IsDangling(token) && IsValueTail(Text(rest, tokens[last + 1])))
            {
                last++;
            }
            return (i, last);
        }
        return null;
    }

    private static RowCells SplitWithoutValue(string rest, List<Range> tokens)
    {
        var explanationAt = tokens.FindIndex(1, t => Text(rest, t).StartsWith("该指标", StringComparison.Ordinal));
        if (explanationAt >= 2)
        {
            return new RowCells(Span(rest, tokens[0], tokens[explanationAt - 2]), rest[tokens[explanationAt - 1]],
                Span(rest, tokens[explanationAt], tokens[^1]));
        }
        if (explanationAt == 1)
        {
            return new RowCells(rest[tokens[0]], "", Span(rest, tokens[1], tokens[^1]));
        }
        if (tokens.Count >= 2)
        {
            return new RowCells(rest[tokens[0]], rest[tokens[1]], tokens.Count > 2 ? Span(rest, tokens[2], tokens[^1]) : "");
        }
        return new RowCells(rest[tokens[0]], "", "");
    }

    private static bool LooksLikeValue(ReadOnlySpan<char> token, bool strict)
    {
        if (strict)
        {
            return StrictValue().IsMatch(token);
        }
        return token.SequenceEqual(NotApplicable) || ValueStart().IsMatch(token) || IsQualitative(token);
    }

    private static bool IsQualitative(ReadOnlySpan<char> token) => token.Length <= 6 && Qualitative().IsMatch(token);

    private static bool IsDangling(ReadOnlySpan<char> token) => DanglingValue().IsMatch(token);

    private static bool IsValueTail(ReadOnlySpan<char> token) => ValueTail().IsMatch(token);

    private static List<Range> Tokens(string text)
    {
        var tokens = new List<Range>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsCellSeparator(text[i]))
            {
                i++;
            }
            var start = i;
            while (i < text.Length && !IsCellSeparator(text[i]))
            {
                i++;
            }
            if (i > start)
            {
                tokens.Add(start..i);
            }
        }
        return tokens;
    }

    // pdftotext separates cells by ASCII spaces; an ideographic space (U+3000) belongs to the cell's text.
    private static bool IsCellSeparator(char c) => c is ' ' or '\t';

    private static ReadOnlySpan<char> Text(string text, Range token) => text.AsSpan()[token];

    private static string Span(string text, Range first, Range last) => text[first.Start..last.End];

    [GeneratedRegex(@"^(?:[≥≤≧≦<>＜＞=＝]|>=|<=|[0-9０-９.．]|(?:不低于|不少于|大于等于|不高于|不超过|不多于|高于|大于|超过|低于|小于|少于|等于)(?:$|[0-9０-９ ]))")]
    private static partial Regex ValueStart();

    [GeneratedRegex(@"^(?:[≥≤≧≦<>＜＞=＝].*|[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]*)$")]
    private static partial Regex StrictValue();

    [GeneratedRegex(@"^(?:及时|按时|达标|合格|完成|(?:有效|积极|明显|显著|逐步)\p{IsCJKUnifiedIdeographs}{1,4})$")]
    private static partial Regex Qualitative();

    [GeneratedRegex(@"^(?:[≥≤≧≦<>＜＞=＝]|>=|<=|不低于|不少于|大于等于|不高于|不超过|不多于|高于|大于|超过|低于|小于|少于|等于|[0-9０-９]+(?:[.．][0-9０-９]+)?)$")]
    private static partial Regex DanglingValue();

    [GeneratedRegex(@"^(?:[0-9０-９][^该]*|[%％]+|次|场|家|家次|人|人次|个|种|项|台|套|件|份|名|天|日|个工作日|小时|月|年|元|万元|元/人)$")]
    private static partial Regex ValueTail();
}
