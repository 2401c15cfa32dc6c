using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;

namespace PerfWorkflow.Workflows.Route;

/// <summary>
/// Who may see, create, change and move a declaration, and how a refusal is worded (docs/architecture.md §3–4). Pure
/// rules over the declaration and the acting user: the route's guards (<see cref="DeclarationRoute"/>) answer "may this
/// person fire this trigger now?"; this adds visibility, edit rights, 转办 and the 403/409 wording on top.
/// </summary>
public static class DeclarationAccess
{
    public const string NotVisible = "您无权查看这张申报表（不属于您的科室或尚未报送到您这一环节）。";

    public const string NotYourSection = "这不是您所在科室的申报表。";

    public const string OnlySectionsCreate = "只有科室经办人或科室负责人可以新建申报表。";

    /// <summary>Declarations this user may see: own 科室 for sections, all for office/leaders/admin, what was sent to finance for finance.</summary>
    public static IQueryable<Declaration> VisibleTo(IQueryable<Declaration> all, Actor actor) => actor.Role switch
    {
        UserRole.Office or UserRole.BureauLeader or UserRole.Admin => all,
        UserRole.SectionDrafter or UserRole.SectionHead => all.Where(d => d.SectionId == actor.SectionId),
        UserRole.FinanceLiaison => all.Where(d => d.Stage == DeclarationStage.SubmittedToFinance
                                                  || d.Stage == DeclarationStage.Finalized || d.ReturnedByFinance),
        _ => all.Where(_ => false),
    };

    /// <summary>
    /// The 科室 a new Draft belongs to, or null when this user may not create one: a 科室's own members, or the office
    /// for the 科室 an upload names (<paramref name="import"/>).
    /// </summary>
    public static string? SectionToCreateIn(Actor actor, ImportSource? import)
    {
        var sectionId = import is { SectionId: { } chosen } && actor.Role == UserRole.Office ? chosen : actor.SectionId;
        var mayCreate = actor.Role.IsSection() || (import is not null && actor.Role == UserRole.Office);
        return mayCreate ? sectionId : null;
    }

    /// <summary>Why no declaration can be created in the package's cycle any more; null while it is 汇总中 (or not started).</summary>
    public static string? FrozenPackageReason(Package? package) =>
        package is { Stage: not PackageStage.Collecting }
            ? $"{package.CycleYear} 年度申报包已{PackageStageText(package.Stage)}，成员和金额已固定，不能再新建这一年度的申报表。如确需补报，请联系办公室。"
            : null;

    private static string PackageStageText(PackageStage stage) => stage switch
    {
        PackageStage.BureauReview => "报局审核",
        PackageStage.Approved => "经局审定",
        PackageStage.SubmittedToFinance or PackageStage.FinanceReviewing => "报送区财政",
        PackageStage.Accepted => "经区财政审核通过",
        _ => "离开汇总阶段",
    };

    /// <summary>The wire actions this user may take now (buttons and <c>permittedActions</c>).</summary>
    public static IReadOnlyList<string> PermittedActions(Declaration declaration, Actor actor)
    {
        var route = new DeclarationRoute(declaration, actor);
        var actions = route.PermittedTriggers.Select(ActionNames.Of).Where(a => a.Length > 0).Distinct().ToList();
        if (actor.Role is UserRole.Office or UserRole.Admin && declaration.Stage is DeclarationStage.Draft or DeclarationStage.OfficeReview)
        {
            actions.Add(ActionNames.Reassign);
        }
        return actions;
    }

    /// <summary>Who may change the form now: the 科室 in Draft, the office during its review (recorded as an office edit).</summary>
    public static bool CanEdit(Declaration declaration, Actor actor) =>
        (declaration.Stage == DeclarationStage.Draft && actor.IsSectionMember(declaration.SectionId))
        || (declaration.Stage == DeclarationStage.OfficeReview && actor.Role == UserRole.Office);

    /// <summary>Who may replace a form by an upload: its 科室 or the office, while it is a Draft.</summary>
    public static bool CanImportInto(Declaration declaration, Actor actor) =>
        declaration.Stage == DeclarationStage.Draft && (actor.IsSectionMember(declaration.SectionId) || actor.Role == UserRole.Office);

    /// <summary>Why this user may not save the form now: not their 科室 (403), or not in this stage (409).</summary>
    public static ActionOutcome EditRefusal(Declaration declaration, Actor actor) =>
        declaration.Stage is DeclarationStage.Draft or DeclarationStage.OfficeReview && !actor.SeesWholeBureau && !actor.IsSectionMember(declaration.SectionId)
            ? new ActionOutcome.Forbidden(NotYourSection)
            : new ActionOutcome.NotPermitted(
                $"申报表处于「{StageLabel(declaration)}」阶段，您不能修改。", declaration.Stage.ToString(), PermittedActions(declaration, actor));

    /// <summary>
    /// Why <paramref name="action"/> is refused: 403 when someone may do it in this stage but not this user (another
    /// 科室's, or the wrong role), otherwise 409 naming the stage and what this user may do instead.
    /// </summary>
    public static ActionOutcome Refuse(Declaration declaration, Actor actor, string action)
    {
        var permitted = PermittedActions(declaration, actor);
        var someoneMay = SomeoneMay(declaration, action);
        if (someoneMay && permitted.Count == 0 && actor.Role.IsSection() && !actor.IsSectionMember(declaration.SectionId))
        {
            return new ActionOutcome.Forbidden(NotYourSection);
        }
        if (someoneMay && !permitted.Contains(action))
        {
            return new ActionOutcome.Forbidden($"您的角色不能在「{StageLabel(declaration)}」阶段执行「{action}」。");
        }
        return new ActionOutcome.NotPermitted(
            $"申报表处于「{StageLabel(declaration)}」阶段，不能执行「{action}」。", declaration.Stage.ToString(), permitted);
    }

    /// <summary>Whether one of the roles the route knows may take <paramref name="action"/> in the declaration's stage.</summary>
    private static bool SomeoneMay(Declaration declaration, string action)
    {
        var sameStage = new Declaration { Stage = declaration.Stage, SectionId = declaration.SectionId, OfficeHasActed = declaration.OfficeHasActed };
        return new[] { UserRole.SectionDrafter, UserRole.Office, UserRole.BureauLeader, UserRole.FinanceLiaison }
            .Any(role => new DeclarationRoute(sameStage, new Actor(Guid.Empty, "", role, declaration.SectionId))
                .PermittedTriggers.Any(t => ActionNames.Of(t) == action));
    }

    private static string StageLabel(Declaration declaration) => StageLabels.For(declaration.Stage.ToString());
}
