using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Route;

/// <summary>Search and order of declaration lists: the API's <c>GET /api/declarations</c> and the portal's list pages.</summary>
public static class DeclarationListQuery
{
    /// <summary>The columns a list sorts by (wire names of <c>sort=</c>).</summary>
    public static IReadOnlyList<string> SortKeys { get; } = ["cycle", "section", "name", "code", "stage", "due", "amount", "updated"];

    /// <summary>项目名称 containing the text, or 项目编码 containing it (a code is often typed from its tail).</summary>
    public static IQueryable<Declaration> Matching(this IQueryable<Declaration> query, string? text)
    {
        var q = text?.Trim();
        return string.IsNullOrEmpty(q) ? query : query.Where(d => d.Name.Contains(q) || d.Code.Contains(q));
    }

    /// <summary>Ordered by one column (unknown keys keep the list's usual order: year, 科室, name), ties broken by code.</summary>
    public static IQueryable<Declaration> SortedBy(this IQueryable<Declaration> query, string? sort, bool descending)
    {
        IOrderedQueryable<Declaration> ordered = sort switch
        {
            "cycle" => Order(query, d => d.CycleYear, descending),
            "section" => Order(query, d => d.SectionId, descending),
            "name" => Order(query, d => d.Name, descending),
            "code" => Order(query, d => d.Code, descending),
            "stage" => Order(query, d => d.Stage, descending),
            // Declarations without a due time go last in either direction.
            "due" => descending
                ? query.OrderBy(d => d.DueAt == null).ThenByDescending(d => d.DueAt)
                : query.OrderBy(d => d.DueAt == null).ThenBy(d => d.DueAt),
            // SQLite orders no decimal; as a double the order is the same for amounts of a budget.
            "amount" => Order(query, d => (double)d.CurrentYearAmountYuan, descending),
            "updated" => Order(query, d => d.UpdatedAt, descending),
            _ => query.OrderByDescending(d => d.CycleYear).ThenBy(d => d.SectionId).ThenBy(d => d.Name),
        };
        return ordered.ThenBy(d => d.Code).ThenBy(d => d.Id);
    }

    private static IOrderedQueryable<Declaration> Order<TKey>(IQueryable<Declaration> query, System.Linq.Expressions.Expression<Func<Declaration, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);
}
