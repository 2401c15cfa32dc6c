using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Pages.Records;

/// <summary>
/// One declaration laid out like the official 二级项目支出绩效目标申报表 (<c>_DeclarationSheet.cshtml</c>): the single print
/// view and each page of the package print draw it.
/// </summary>
/// <param name="SubmittedAt">When the 科室 last submitted the form (the 填报日期 of the official block); null if never.</param>
public sealed record PrintSheet(Declaration Declaration, DeclarationForm Form, DateTimeOffset? SubmittedAt)
{
    /// <summary>Indicator rows grouped by 一级指标, so the first column spans its rows as on the paper form.</summary>
    public IReadOnlyList<IGrouping<string, IndicatorRow>> IndicatorGroups { get; } = Form.Indicators.GroupBy(r => r.Level1).ToList();

    public static string YesNo(bool? value) => value switch { true => "是", false => "否", null => "" };

    /// <summary>The sheets of <paramref name="declarations"/>, in their order, with their 填报日期 in one query.</summary>
    public static async Task<IReadOnlyList<PrintSheet>> ForAsync(PerfWorkflowDbContext db, IReadOnlyList<Declaration> declarations, CancellationToken ct)
    {
        var ids = declarations.Select(d => d.Id).ToList();
        var submitted = ids.Count == 0
            ? []
            : await db.DeclarationVersions.AsNoTracking()
                .Where(v => ids.Contains(v.DeclarationId) && v.Reason == VersionReason.Submitted)
                .Select(v => new { v.DeclarationId, v.Number, v.CreatedAt })
                .ToListAsync(ct);
        var last = submitted.GroupBy(v => v.DeclarationId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!.CreatedAt);
        return declarations.Select(d => new PrintSheet(d, d.ReadForm(), last.TryGetValue(d.Id, out var at) ? at : null)).ToList();
    }
}
