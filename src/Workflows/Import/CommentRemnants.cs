using System.Text.RegularExpressions;

namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Recognises what pdftotext prints after the 备注 line from the template's PDF comments: the template's own hints and
/// the comments' author names. None of it is form content, and author names must never be stored.
/// </summary>
internal static partial class CommentRemnants
{
    /// <summary>The template's fixed 备注 sentence.</summary>
    public static bool IsTemplateRemark(string remark) =>
        Squeeze(remark) is "" or "作为导入模板，置灰信息无需录入，作为导出模板，置灰信息系统自动带出。"
            or "作为导入模板，置灰信息无需录入，作为导出模板，置灰信息系统自动带出";

    /// <summary>A hint of the template's comments (字数限制, 系统自动带出, 必填 …) or the placeholder author of one.</summary>
    public static bool IsHint(string line) => Hint().IsMatch(Squeeze(line));

    /// <summary>
    /// A comment's author: a short line without sentence punctuation, printed right above a hint. Only called for a line
    /// whose next line is a hint.
    /// </summary>
    public static bool IsAuthorName(string line)
    {
        var name = line.Trim();
        return name.Length is > 0 and <= 20 && !AuthorExcluded().IsMatch(name);
    }

    /// <summary>
    /// A line that can only be a comment author standing alone: a person's name (2–4 Han characters), a short Latin name,
    /// or a placeholder such as “Windows 用户”. Content after 备注 is a sentence or a paragraph, never this.
    /// </summary>
    public static bool IsBareName(string line)
    {
        var name = line.Trim();
        return IsAuthorName(name) && (BareName().IsMatch(name) || IsHint(name));
    }

    [GeneratedRegex(@"^(?:\p{IsCJKUnifiedIdeographs}{2,4}|[A-Za-z][A-Za-z .\-]{0,19}|\p{IsCJKUnifiedIdeographs}{0,4}\s*用户)$")]
    private static partial Regex BareName();

    private static string Squeeze(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"^(?:[（(]限\d+字以内[）)]|批注人|Windows用户|导入模板无需填写|系统自动带[出入][，,]?无需(?:填写|录入)|由系统自动汇总二级项目[，,]?无需手工录入|新增项目年度目标为必填项|多年度项目长期目标为必填项)$")]
    private static partial Regex Hint();

    [GeneratedRegex(@"[，。；：！？、,;:!?0-9０-９%％]")]
    private static partial Regex AuthorExcluded();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
