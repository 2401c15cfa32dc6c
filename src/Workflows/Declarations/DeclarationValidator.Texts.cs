using L = PerfWorkflow.Workflows.Declarations.FieldLabels;
using P = PerfWorkflow.Workflows.Declarations.FieldLabels.Paths;

namespace PerfWorkflow.Workflows.Declarations;

public sealed partial class DeclarationValidator
{
    private void CheckCrossFieldTexts(DeclarationForm form, FormTexts texts, IndicatorValue?[] parsed, List<Finding> findings)
    {
        CheckDuplicates(texts, findings);
        CheckPersonalData(form, texts, findings);
        CheckNumberConflicts(form, texts, parsed, findings);
        foreach (var (path, label, text) in texts.All())
        {
            CheckTruncated(path, label, text, findings);
        }
    }

    private void CheckDuplicates(FormTexts texts, List<Finding> findings)
    {
        var fields = texts.All().Where(f => f.Text.Length > 0).Select(f => (f.Path, f.Label, Key: TextSimilarity.Key(f.Text))).ToList();
        for (var b = 1; b < fields.Count; b++)
        {
            for (var a = 0; a < b; a++)
            {
                if (fields[a].Key.Length == 0 || !TextSimilarity.AtLeast(fields[a].Key, fields[b].Key, Options.DuplicateTextSimilarity))
                {
                    continue;
                }
                var how = fields[a].Key == fields[b].Key ? "内容完全相同" : "内容几乎相同";
                Add(findings, RuleIds.DuplicateText, fields[b].Path,
                    $"【{fields[b].Label}】与【{fields[a].Label}】{how}。【{fields[a].Label}】应写{WhatBelongs(fields[a].Path)}，【{fields[b].Label}】应写{WhatBelongs(fields[b].Path)}，请按各栏的要求分别填写，不要照搬。");
                break;
            }
        }
    }

    // What each long text field is for, so a duplicate-text finding says which content belongs where.
    private static string WhatBelongs(string path) => path switch
    {
        P.PolicyBasis => "项目依据的政策文件（文件名称、文号）或上级要求",
        P.CalculationBasis => "各项支出的用途、数量、标准和金额",
        P.AnnualGoal => "本年度要达成的目标",
        _ => "整个实施期要达成的目标",
    };

    private static void CheckPersonalData(DeclarationForm form, FormTexts texts, List<Finding> findings)
    {
        var fields = texts.All().Select(f => (f.Path, f.Label, f.Text))
            .Prepend((P.Name, L.Name, DeclarationText.Normalize(form.Name)));
        foreach (var (path, label, text) in fields)
        {
            if (PersonalDataDetector.FindName(text) is { } name)
            {
                Add(findings, RuleIds.PersonalData, path,
                    $"【{label}】中出现个人姓名（如“{PersonalDataDetector.Mask(name)}”）。申报表会报送区财政并公开，报送前必须删除姓名，只写人数（如“3名工作人员”）。");
            }
        }
        for (var i = 0; i < form.Indicators.Count; i++)
        {
            var row = form.Indicators[i];
            CheckPersonalDataInCell(i, row, "name", L.IndicatorName, row.Name, findings);
            CheckPersonalDataInCell(i, row, "explanation", L.IndicatorExplanation, row.Explanation, findings);
        }
    }

    private static void CheckPersonalDataInCell(int i, IndicatorRow row, string cell, string label, string text, List<Finding> findings)
    {
        if (PersonalDataDetector.FindName(DeclarationText.Normalize(text)) is { } name)
        {
            Add(findings, RuleIds.PersonalData, P.Indicator(i, cell),
                $"{RowLabel(i, row)}的【{label}】中出现个人姓名（如“{PersonalDataDetector.Mask(name)}”）。申报表会报送区财政并公开，报送前必须删除姓名，只写人数。");
        }
    }

    private static void CheckNumberConflicts(DeclarationForm form, FormTexts texts, IndicatorValue?[] parsed, List<Finding> findings)
    {
        var mentions = new List<CountedMention>();
        foreach (var (path, label, text) in texts.All())
        {
            CountedMentions.Collect(text, path, label, mentions, MaxCountedMentions);
        }
        for (var i = 0; i < parsed.Length && mentions.Count < MaxCountedMentions; i++)
        {
            if (parsed[i] is { Kind: IndicatorValueKind.Quantitative, Number: { } number, Unit: { } unit }
                && CountedMentions.GroupOf(unit) is { } group && decimal.IsInteger(number))
            {
                var row = form.Indicators[i];
                mentions.Add(new CountedMention(P.Indicator(i, "value"), $"{RowLabel(i, row)}的【{L.IndicatorValue}】",
                    (long)number, unit, group, DeclarationText.Normalize(row.Name)));
            }
        }
        var reported = new HashSet<string>();
        var groups = mentions.GroupBy(m => m.Group).ToDictionary(g => g.Key, g => (IReadOnlyList<CountedMention>)[.. g]);
        for (var b = 1; b < mentions.Count; b++)
        {
            for (var a = 0; a < b; a++)
            {
                var x = mentions[a];
                var y = mentions[b];
                // Indicators count different things by design; a conflict needs at least one text mention.
                var xIndicator = x.Path.StartsWith(P.Indicators, StringComparison.Ordinal);
                var yIndicator = y.Path.StartsWith(P.Indicators, StringComparison.Ordinal);
                if (x.Path == y.Path || (xIndicator && yIndicator) || x.Group != y.Group || x.Number == y.Number
                    || CountedMentions.Admits(x, y) || reported.Contains(y.Path))
                {
                    continue;
                }
                // The basis pays for more than the indicator promises (funds 27名, target ≥17人): COUNT_BELOW_FUNDED.
                if (yIndicator && x.Path == P.CalculationBasis && y.Number < x.Number && CountedMentions.SameThing(x.Context, y.Context, allowGeneric: true)
                    && IsCountTarget(form, y.Path) && !CountedMentions.InOneSum(groups[x.Group], x, y))
                {
                    reported.Add(y.Path);
                    Add(findings, RuleIds.CountBelowFunded, y.Path,
                        $"【{L.CalculationBasis}】按{x.Number}{x.Unit}测算经费，{y.Label}只承诺{y.Number}{y.Unit}，目标低于所付经费对应的数量；请核对后统一（如目标改为≥{x.Number}{y.Unit}）。");
                    continue;
                }
                if (!CountedMentions.SameThing(x.Context, y.Context) || CountedMentions.InOneSum(groups[x.Group], x, y))
                {
                    continue;
                }
                reported.Add(y.Path);
                Add(findings, RuleIds.TextNumberConflict, y.Path,
                    $"同一对象的数量前后不一致：{x.Label}写的是{x.Number}{x.Unit}，{y.Label}写的是{y.Number}{y.Unit}，请核对后统一。");
            }
        }
    }

    // An indicator value that promises a number (=, ≥, >) rather than caps one.
    private static bool IsCountTarget(DeclarationForm form, string path)
    {
        for (var i = 0; i < form.Indicators.Count; i++)
        {
            if (path == P.Indicator(i, "value"))
            {
                return form.Indicators[i].Parsed.Op is Comparison.Equal or Comparison.GreaterOrEqual or Comparison.Greater;
            }
        }
        return false;
    }

    // Pairwise comparison is quadratic; real forms have a handful of counted mentions.
    private const int MaxCountedMentions = 200;

    private static void CheckTruncated(string path, string label, string text, List<Finding> findings)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (TextCompleteness.UnclosedBracket(text) is { } open)
        {
            Add(findings, RuleIds.TextTruncated, path, $"【{label}】中的“{open}”没有对应的结束符号，内容可能不完整，请检查并补全。");
        }
        else if (!TextCompleteness.EndsAsSentence(text))
        {
            Add(findings, RuleIds.TextTruncated, path, $"【{label}】似乎在句子中间结束，请检查内容是否完整，并以句号结尾。");
        }
    }
}
