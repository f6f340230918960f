namespace Beacon.Cli;

/// <summary>What <c>beacon</c> exits with, so scripts can tell failures apart (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The server answered with an error (4xx or 5xx); its problem's detail was printed.</summary>
    public const int ServerError = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or invalid argument.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached (refused, unresolvable, or no answer in time).</summary>
    public const int Unreachable = 3;
}
