namespace PerfWorkflow.Workflows.Declarations;

/// <summary>Finds private persons' names (PERSONAL_DATA): 2–3-character names listed after 人员：/名单：/联系人：…, or a 、-list of names ending in 等.</summary>
internal static class PersonalDataDetector
{
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧";

    private static readonly string[] Markers = ["人员:", "名单:", "姓名:", "联系人:", "负责人:", "经办人:", "成员:", "人员有:", "人员为:", "对象:", "获得者:", "受助人:", "获奖人:"];

    /// <summary>The first name-like token found in NFKC-normalised text, or null.</summary>
    public static string? FindName(string normalized)
    {
        if (normalized.Length < 4)
        {
            return null;
        }
        // Every marker ends in a colon and every list needs 等: most texts are ruled out by two scans.
        var hasColon = normalized.Contains(':', StringComparison.Ordinal);
        foreach (var marker in hasColon ? Markers : [])
        {
            var at = 0;
            while ((at = normalized.IndexOf(marker, at, StringComparison.Ordinal)) >= 0)
            {
                at += marker.Length;
                var token = FirstListToken(normalized, at);
                if (token is not null && IsNameLike(token))
                {
                    return token;
                }
            }
        }
        return normalized.Contains('等', StringComparison.Ordinal) ? FindListEndingWithDeng(normalized) : null;
    }

    // 张三、李四等: at least two name-like tokens joined by 、 and closed by 等.
    private static string? FindListEndingWithDeng(string text)
    {
        var at = 0;
        while ((at = text.IndexOf('、', at)) >= 0)
        {
            var leftStart = at;
            while (leftStart > 0 && DeclarationText.IsHan(text[leftStart - 1]) && at - leftStart < 4)
            {
                leftStart--;
            }
            var rightEnd = at + 1;
            while (rightEnd < text.Length && DeclarationText.IsHan(text[rightEnd]) && text[rightEnd] != '等' && rightEnd - at <= 4)
            {
                rightEnd++;
            }
            var right = text[(at + 1)..rightEnd];
            if (rightEnd < text.Length && text[rightEnd] == '等' && IsNameLike(right))
            {
                // The left name may follow a verb or preposition (由赵六、钱七等): try its last three, then two characters.
                for (var length = 3; length >= 2; length--)
                {
                    if (at - leftStart >= length && IsNameLike(text[(at - length)..at]))
                    {
                        return text[(at - length)..at];
                    }
                }
            }
            at++;
        }
        return null;
    }

    private static string? FirstListToken(string text, int at)
    {
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }
        var end = at;
        while (end < text.Length && DeclarationText.IsHan(text[end]) && end - at < 5)
        {
            end++;
        }
        var boundary = end >= text.Length || text[end] is '、' or ',' or ' ' or '。' or ';' or ')' or '等';
        return end > at && boundary ? text[at..end] : null;
    }

    // Characters that end or fill words, not given names (人员：高层次人才, 负责人：方案组): a token holding one is no name.
    private const string NotInGivenNames = "员组科室局处部者们类级次性化区市省县镇街厂司院校所站队会人工作管理服务中心方面等各项";

    private static bool IsNameLike(string token)
    {
        if (token.Length is not (2 or 3) || !Surnames.Contains(token[0], StringComparison.Ordinal))
        {
            return false;
        }
        for (var i = 1; i < token.Length; i++)
        {
            if (NotInGivenNames.Contains(token[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The name with all but its first character masked (王*, 张**), so no finding repeats it.</summary>
    public static string Mask(string name) => name.Length == 0 ? name : name[0] + new string('*', name.Length - 1);
}
