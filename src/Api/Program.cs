using PerfWorkflow.Api.Cli;

if (CliVerbs.TryRun(args, Console.Out, Console.Error) is int exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => "ok");
app.Run();
return 0;

public partial class Program;
