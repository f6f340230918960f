using Spectre.Console;

namespace Beacon.Cli;

/// <summary>
/// Everything the tool touches outside itself: its output streams, the environment and the HTTP
/// handler. Tests run the tool in-process with captured writers; <see cref="FromProcess"/> is the real thing.
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable (<c>BEACON_SERVER</c>).</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether tables may use colours and terminal features; off for captured output.</summary>
    public bool Interactive { get; init; }

    /// <summary>The width tables are laid out for when the output is not a terminal.</summary>
    public int Width { get; init; } = 160;

    /// <summary>The HTTP handler; null for a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Interactive = !Console.IsOutputRedirected,
    };

    /// <summary>A Spectre console over <see cref="Out"/>: colours on a terminal, plain text elsewhere.</summary>
    internal IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        if (!Interactive)
        {
            console.Profile.Width = Width;
        }

        return console;
    }
}
