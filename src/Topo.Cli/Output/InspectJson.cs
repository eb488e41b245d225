using System.Text.Json;
using Topo.Core;
using Topo.Core.Export;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary>
/// <c>inspect --output json</c>: <c>{"lab", "namespaces": [{name, owner, interfaces: [{index, name,
/// kind, peer: {namespace, name, index}|null, linkIndex (the N of @ifN), master, mac, mtu, state, alias, addresses}], routes: [{to, via, dev}], sysctls: {key: value}}],
/// "nat": [{namespace, chain, type (nat, filter), rule}]}</c>: every rule of the lab's nftables table, whatever its chain. The host is the namespace named <c>host</c>.
/// </summary>
public static class InspectJson
{
    public static string Write(string lab, KernelView view) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("lab", lab);
        json.WriteStartArray("namespaces");
        foreach (var ns in view.Namespaces) Namespace(json, ns);
        json.WriteEndArray();
        json.WriteStartArray("nat");
        foreach (var (ns, rule) in view.NatRules)
        {
            json.WriteStartObject();
            json.WriteString("namespace", ns.Display);
            json.WriteString("chain", rule.Chain.ToString().ToLowerInvariant());
            json.WriteString("type", NftChainDefinition.Of(rule.Chain).Type);
            json.WriteString("rule", rule.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void Namespace(Utf8JsonWriter json, NamespaceView ns)
    {
        json.WriteStartObject();
        json.WriteString("name", ns.Display);
        json.WriteString("owner", ns.Owner);
        json.WriteStartArray("interfaces");
        foreach (var i in ns.Interfaces) Interface(json, i);
        json.WriteEndArray();
        json.WriteStartArray("routes");
        foreach (var r in ns.Routes)
        {
            json.WriteStartObject();
            json.WriteString("to", r.To);
            json.WriteString("via", r.Via);
            json.WriteString("dev", r.Dev);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("sysctls");
        foreach (var (key, value) in ns.Sysctls) json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Interface(Utf8JsonWriter json, InterfaceView i)
    {
        json.WriteStartObject();
        json.WriteNumber("index", i.Index);
        json.WriteString("name", i.Name);
        json.WriteString("kind", i.Kind);
        if (i.Peer is null)
        {
            json.WriteNull("peer");
        }
        else
        {
            json.WriteStartObject("peer");
            json.WriteString("namespace", Topo.Core.State.Netns.Display(i.Peer.Namespace));
            json.WriteString("name", i.Peer.Name);
            json.WriteNumber("index", i.Peer.Index);
            json.WriteEndObject();
        }

        if (i.LinkIndex is { } link) json.WriteNumber("linkIndex", link);
        else json.WriteNull("linkIndex");
        json.WriteString("master", i.Master);
        json.WriteString("mac", i.Mac);
        json.WriteNumber("mtu", i.Mtu);
        json.WriteString("state", i.Up ? "up" : "down");
        json.WriteString("alias", i.Alias);
        json.WriteStartArray("addresses");
        foreach (var a in i.Addresses) json.WriteStringValue(a);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
