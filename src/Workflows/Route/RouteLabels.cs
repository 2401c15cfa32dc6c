using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Route;

/// <summary>
/// The one table of zh-CN words for the route: actions (buttons, audit trail, emails, CSV), a declaration's plain status
/// and the verb of each kind of task. Stage names themselves are in <see cref="StageLabels"/>.
/// </summary>
public static class RouteLabels
{
    /// <summary>
    /// The word for an action. <c>accept</c> is the office's 纳入汇总 except at finance (<see cref="DeclarationStage.SubmittedToFinance"/>),
    /// where it is 区财政审核通过.
    /// </summary>
    public static string Action(string action, DeclarationStage? stage = null) => action switch
    {
        ActionNames.Submit => "提交",
        ActionNames.Withdraw => "撤回",
        ActionNames.Accept when stage == DeclarationStage.SubmittedToFinance => "区财政审核通过",
        ActionNames.Accept => "纳入汇总",
        ActionNames.Return when stage == DeclarationStage.SubmittedToFinance => "区财政退回",
        ActionNames.Return => "退回",
        ActionNames.Exclude => "不纳入汇总",
        ActionNames.Include => "重新纳入汇总",
        ActionNames.Approve => "审定",
        ActionNames.Reassign => "转办",
        ActionNames.Claim => "认领",
        "create" => "创建",
        "copy" => "从上年复制",
        "edit" => "修改",
        "attach" => "上传附件",
        "detach" => "删除附件",
        "remind" => "催办",
        ActionNames.DueMoved => "截止日期调整",
        "submit-to-finance" => "报送区财政",
        _ => action,
    };

    /// <summary>
    /// The plain status of a declaration: its stage in words a user acts on (已退回, 待办公室审核, 待局审定, 区财政已退回 …).
    /// </summary>
    /// <param name="returned">A return is pending (the 科室 has not submitted again since).</param>
    public static string Status(DeclarationStage stage, bool returned, bool returnedByFinance) => stage switch
    {
        DeclarationStage.Draft when returnedByFinance => "区财政已退回",
        DeclarationStage.Draft when returned => "已退回",
        DeclarationStage.Draft => "起草中",
        DeclarationStage.OfficeReview when returned => "已退回办公室",
        DeclarationStage.OfficeReview => "待办公室审核",
        DeclarationStage.Consolidated => "已纳入汇总",
        DeclarationStage.BureauReview => "待局审定",
        DeclarationStage.Approved => "局已审定",
        DeclarationStage.SubmittedToFinance => "已报送区财政",
        DeclarationStage.Finalized => "已通过",
        DeclarationStage.Excluded => "不纳入汇总",
        _ => StageLabels.For(stage.ToString()),
    };

    /// <summary>What the holder of a task is to do: 修改并提交, 审核, 审定, 报送区财政.</summary>
    public static string TaskVerb(TaskKind kind, bool returned) => kind switch
    {
        TaskKind.Draft => returned ? "修改后重新提交" : "填写并提交",
        TaskKind.OfficeReview => "审核",
        TaskKind.BureauReview => "审定",
        TaskKind.SubmitToFinance => "报送区财政",
        TaskKind.FinanceReview => "审核",
        _ => "办理",
    };

    /// <summary>A group of people by role, as the next-step line names them.</summary>
    public static string Group(UserRole role) => role switch
    {
        UserRole.SectionDrafter or UserRole.SectionHead => "科室",
        UserRole.Office => "办公室",
        UserRole.BureauLeader => "局领导",
        UserRole.FinanceLiaison => "区财政局",
        _ => "管理员",
    };
}
