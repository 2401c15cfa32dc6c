using System.Globalization;
using System.Text;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>Text measures shared by rules and UI: NFKC normalisation and 字 counts (docs/domain.md §1).</summary>
public static class DeclarationText
{
    /// <summary>NFKC-normalised text. Full-width ASCII forms are mapped by hand; the ICU normalizer runs only for rarer characters.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var needsWideMapping = false;
        foreach (var c in text)
        {
            switch (Classify(c))
            {
                case CharClass.Stable:
                    break;
                case CharClass.Wide:
                    needsWideMapping = true;
                    break;
                default:
                    return NormalizeWithIcu(text);
            }
        }
        if (!needsWideMapping)
        {
            return text;
        }
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c == '\u3000' ? ' ' : c >= '\uFF01' && c <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            }
        });
    }

    // Lone surrogates make the normalizer throw on some platforms; such text is kept as it is.
    private static string NormalizeWithIcu(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    /// <summary>字 count: Unicode code points after NFKC normalisation and trimming; what the UI counters show.</summary>
    public static int CountZi(string? text)
    {
        var normalized = Normalize(text).AsSpan().Trim();
        var count = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            if (char.IsHighSurrogate(normalized[i]) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
            {
                i++;
            }
            count++;
        }
        return count;
    }

    private enum CharClass
    {
        Stable,
        Wide,
        Other,
    }

    // Characters NFKC leaves alone (ASCII, CJK ideographs, CJK punctuation, the quotes and symbols the forms use),
    // full-width ASCII forms that NFKC maps one-to-one, and everything else (left to ICU).
    private static CharClass Classify(char c)
    {
        if (c < 0xA0 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3035))
        {
            return CharClass.Stable;
        }
        if ((c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000)
        {
            return CharClass.Wide;
        }
        return c is '≥' or '≤' or '≧' or '≦' or '×' or '÷' or '•' or '·' or '—' or '‘' or '’' or '“' or '”' or '‰' or '∶'
            ? CharClass.Stable
            : CharClass.Other;
    }

    /// <summary>User text shortened for quoting in a message: at most <paramref name="max"/> characters, then “…”.</summary>
    public static string Excerpt(string? text, int max = 30)
    {
        var trimmed = (text ?? "").Trim();
        return trimmed.Length <= max ? trimmed : string.Concat(trimmed.AsSpan(0, max), "…");
    }

    /// <summary>True for a CJK unified ideograph.</summary>
    internal static bool IsHan(char c) => c >= 0x4E00 && c <= 0x9FFF;

    /// <summary>Parses an ASCII decimal with invariant culture.</summary>
    internal static bool TryParseDecimal(ReadOnlySpan<char> digits, out decimal value) =>
        decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
