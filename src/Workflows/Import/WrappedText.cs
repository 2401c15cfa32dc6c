using System.Text;
using System.Text.RegularExpressions;

namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Rejoins a field's text that pdftotext wrapped at the cell's width: a line that does not end a sentence continues on
/// the next line unless that line starts a new item (目标2：, 用途3：, 2., (1), 二、…).
/// </summary>
internal static partial class WrappedText
{
    public static string Join(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return "";
        }
        if (lines.Count == 1)
        {
            return lines[0];
        }
        var builder = new StringBuilder(lines[0]);
        for (var i = 1; i < lines.Count; i++)
        {
            builder.Append(Separator(lines[i - 1], lines[i]));
            builder.Append(lines[i]);
        }
        return builder.ToString();
    }

    /// <summary>Rejoins a one-line value wrapped over lines: nothing between the pieces, but a space between Latin words.</summary>
    public static string JoinLine(IReadOnlyList<string> pieces)
    {
        if (pieces.Count <= 1)
        {
            return pieces.Count == 0 ? "" : pieces[0];
        }
        var builder = new StringBuilder(pieces[0]);
        for (var i = 1; i < pieces.Count; i++)
        {
            if (builder.Length > 0 && pieces[i].Length > 0 && char.IsAsciiLetterOrDigit(builder[^1]) && char.IsAsciiLetterOrDigit(pieces[i][0]))
            {
                builder.Append(' ');
            }
            builder.Append(pieces[i]);
        }
        return builder.ToString();
    }

    /// <summary>What stood between two wrapped lines: a line break, a space between two Latin words, or nothing.</summary>
    public static string Separator(string previous, string next)
    {
        if (previous.Length == 0 || next.Length == 0)
        {
            return "\n";
        }
        if (EndsSentence(previous[^1]) || ItemStart().IsMatch(next))
        {
            return "\n";
        }
        return char.IsAsciiLetterOrDigit(previous[^1]) && char.IsAsciiLetterOrDigit(next[0]) ? " " : "";
    }

    private static bool EndsSentence(char c) => c is '。' or '；' or '！' or '？' or ';' or '!' or '?' or '」' or '』';

    [GeneratedRegex(@"^(?:(?:目标|用途|任务|内容|措施)\s*[0-9０-９一二三四五六七八九十]+|[0-9０-９]+\s*(?:[.．](?![0-9０-９])|[、)）])|[（(][0-9０-９一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|合计|共计|总计)")]
    private static partial Regex ItemStart();
}
