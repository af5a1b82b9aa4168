using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>API tokens and tickets with CSRF tokens, as pveproxy checks them.</summary>
public sealed partial class SimAuth
{
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Issued, string Csrf)> _tickets = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromHours(2);
#pragma warning disable CA1051 // Counters the simulator bumps with Interlocked and tests read.
    public int Logins;
    public int Renewals;
#pragma warning restore CA1051

    /// <summary>Returns the authenticated user (token id for tokens) or throws a 401 with Proxmox's reason phrase.</summary>
    public string Authenticate(IReadOnlyDictionary<string, string> headers, bool mutating)
    {
        var authorization = headers.GetValueOrDefault("Authorization") ?? "";
        var token = TokenHeader().Match(authorization);
        if (token.Success)
        {
            var value = token.Groups[1].Value;
            var split = value.LastIndexOf('=');
            if (split > 0 && Tokens.TryGetValue(value[..split], out var secret) && secret == value[(split + 1)..]) return value[..split];
            throw new PveError(401, "invalid token value!");
        }
        var cookie = CookieTicket().Match(headers.GetValueOrDefault("Cookie") ?? "");
        var ticket = cookie.Success ? Uri.UnescapeDataString(cookie.Groups[1].Value) : null;
        if (ticket is null || !_tickets.TryGetValue(ticket, out var entry)) throw new PveError(401, "No ticket");
        if (DateTimeOffset.UtcNow - entry.Issued > TicketLifetime) throw new PveError(401, "authentication failure");
        if (mutating && headers.GetValueOrDefault("CSRFPreventionToken") != entry.Csrf)
            throw new PveError(401, "Permission denied - invalid csrf token");
        return entry.User;
    }

    public object Login(IReadOnlyDictionary<string, string> parameters)
    {
        var user = parameters["username"];
        var password = parameters["password"];
        var renewal = _tickets.TryGetValue(password, out var old) && old.User == user && DateTimeOffset.UtcNow - old.Issued <= TicketLifetime;
        if (!renewal && (!Passwords.TryGetValue(user, out var expected) || expected != password))
            throw new PveError(401, "authentication failure");
        if (renewal) Interlocked.Increment(ref Renewals);
        else Interlocked.Increment(ref Logins);
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture);
        var ticket = $"PVE:{user}:{time}::{Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))}";
        var csrf = $"{time}:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))}";
        _tickets[ticket] = (user, DateTimeOffset.UtcNow, csrf);
        return new Dictionary<string, object?> { ["username"] = user, ["ticket"] = ticket, ["CSRFPreventionToken"] = csrf, ["clustername"] = "sim" };
    }

    [GeneratedRegex(@"(?:^|\s)PVEAPIToken(?:=| )([^;]*)")]
    private static partial Regex TokenHeader();

    [GeneratedRegex(@"(?:^|;\s*)PVEAuthCookie=([^;]*)")]
    private static partial Regex CookieTicket();
}
