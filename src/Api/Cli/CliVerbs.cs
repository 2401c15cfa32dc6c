namespace PerfWorkflow.Api.Cli;

/// <summary>Dispatches the command-line verbs of docs/architecture.md §8 that need no web host.</summary>
public static class CliVerbs
{
    /// <summary>Runs <paramref name="args"/> as a verb and returns its exit code, or null when args name no such verb.</summary>
    public static int? TryRun(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            return null;
        }
        return args[0] switch
        {
            "validate" => ValidateVerb.Run(args[1..], stdout, stderr),
            "generate" => GenerateVerb.Run(args[1..], stdout, stderr),
            _ => null,
        };
    }
}
