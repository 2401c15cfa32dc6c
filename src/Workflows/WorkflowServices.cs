using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Attachments;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows;

public static class WorkflowServices
{
    /// <summary>
    /// The domain's services. The host supplies what depends on where it runs: the <see cref="PerfWorkflowDbContext"/>
    /// (Persistence), <see cref="DeclarationRulesOptions"/> and <see cref="AttachmentOptions"/> bound from its settings,
    /// and the <see cref="WorkingDayCalendar"/> read from its calendar folder. Scoped services share the request's (or
    /// the message's) context, so what an action adds commits in its one SaveChanges (docs/adr/002-route-versioning-and-transactions.md).
    /// </summary>
    public static IServiceCollection AddWorkflowServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DeclarationValidator(sp.GetRequiredService<IOptions<DeclarationRulesOptions>>().Value));
        services.AddSingleton<IWorkingDayCalendar>(sp => sp.GetRequiredService<WorkingDayCalendar>());
        services.AddSingleton<DeadlinePolicy>();
        services.AddScoped<CalendarEditor>();
        services.AddScoped<DueDateRecount>();
        services.AddScoped<NoticePreferences>();
        services.AddScoped<RouteRecorder>();
        services.AddScoped<DeclarationEffects>();
        services.AddScoped<DeclarationWorkflow>();
        services.AddScoped<PackageWorkflow>();
        services.AddScoped<DeclarationBatch>();
        services.AddScoped<DeclarationUrging>();
        services.AddScoped<AttachmentStore>();
        services.TryAddScoped<DiffBaseline>();
        services.AddScoped<OverdueQuery>();
        services.AddScoped<DashboardQuery>();
        return services;
    }
}
