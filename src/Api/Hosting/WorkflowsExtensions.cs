using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Hosting;

public static class WorkflowsExtensions
{
    /// <summary>The domain: rules (policy from "Declarations"), the working-day calendar, deadlines, the two workflows.</summary>
    public static void AddWorkflows(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeclarationRulesOptions>()
            .BindConfiguration(DeclarationRulesOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new DeclarationValidator(sp.GetRequiredService<IOptions<DeclarationRulesOptions>>().Value));

        var calendarFolder = builder.Configuration["Calendar:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, configured))
            : Path.Combine(AppContext.BaseDirectory, "calendar");
        builder.Services.AddSingleton(_ =>
        {
            try
            {
                return new WorkingDayCalendar(calendarFolder);
            }
            catch (CalendarConfigurationException ex)
            {
                throw new StartupException($"Working-day calendar in {calendarFolder} is invalid: {ex.Message}", ex);
            }
        });
        builder.Services.AddSingleton<IWorkingDayCalendar>(sp => sp.GetRequiredService<WorkingDayCalendar>());
        builder.Services.AddScoped<CalendarEditor>();
        builder.Services.AddScoped<DueDateRecount>();
        builder.Services.AddScoped<PerfWorkflow.Workflows.Notices.NoticePreferences>();
        // Before the demo seeder, so its due dates see the admins' edits.
        builder.Services.AddHostedService<PerfWorkflow.Api.Calendar.CalendarOverrideRefresher>();
        builder.Services.AddSingleton<DeadlinePolicy>();
        // The recorder shares the workflows' context (scoped), so what it adds commits in their one SaveChanges.
        builder.Services.AddScoped<RouteRecorder>();
        builder.Services.AddScoped<DeclarationEffects>();
        builder.Services.AddScoped<DeclarationWorkflow>();
        builder.Services.AddOptions<PerfWorkflow.Workflows.Attachments.AttachmentOptions>()
            .BindConfiguration(PerfWorkflow.Workflows.Attachments.AttachmentOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<PerfWorkflow.Workflows.Attachments.AttachmentStore>();
        builder.Services.AddScoped<PerfWorkflow.Workflows.Declarations.Diff.DiffBaseline>();
        builder.Services.AddScoped<DeclarationBatch>();
        builder.Services.AddScoped<PerfWorkflow.Workflows.Tasks.DeclarationUrging>();
        builder.Services.AddScoped<PackageWorkflow>();
        builder.Services.AddScoped<OverdueQuery>();
        builder.Services.AddScoped<DashboardQuery>();
        builder.Services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        builder.Services.AddHostedService<DemoDataSeeder>();
    }
}
