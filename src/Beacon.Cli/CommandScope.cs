using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.Cli.Http;
using Beacon.Contracts;
using Spectre.Console;

namespace Beacon.Cli;

/// <summary>What one running command works with: the API, the output, and the chosen format.</summary>
internal sealed class CommandScope(BeaconHttp http, CliEnvironment environment, bool json) : IDisposable
{
    // Scripts read what we print: the wire format exactly, indented so people can read it too.
    private static readonly BeaconJsonContext s_indented = new(
        new JsonSerializerOptions(BeaconJsonContext.Wire.Options) { WriteIndented = true });

    private IAnsiConsole? _console;

    public BeaconHttp Http { get; } = http;

    public bool Json { get; } = json;

    public TextWriter Out => environment.Out;

    public TextWriter Error => environment.Error;

    /// <summary>Spectre console for tables and colours (plain text when the output is not a terminal).</summary>
    public IAnsiConsole Console => _console ??= environment.CreateConsole();

    /// <summary>Prints <paramref name="value"/> as the wire type <paramref name="type"/> picks, e.g. <c>c => c.ServiceList</c>.</summary>
    public void WriteJson<T>(T value, Func<BeaconJsonContext, JsonTypeInfo<T>> type)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, type(s_indented)));
        Out.Flush();
    }

    /// <summary>One line for people; in JSON mode, diagnostics go to stderr so stdout stays parseable.</summary>
    public void Note(string markup)
    {
        if (Json)
        {
            Error.WriteLine(Markup.Remove(markup));
        }
        else
        {
            Console.MarkupLine(markup);
        }
    }

    public void Dispose() => Http.Dispose();
}
