/**
 * SARIF 2.1.0: rule metadata apart from results; each result carries the workbook as its
 * artifact, the cell as a logical location 'SHEET'!A1, and a stable fingerprint for waivers.
 */
import { sheetReference } from "../engine/address";
import { createFormatter, packOf, sourceLabels } from "../engine/format";
import type { Language, Severity, ValidationResult } from "../engine/types";
import type { RuleId } from "../rules/schema";

export const TOOL_NAME = "alliance-check";
export const TOOL_VERSION = "0.1.0";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

export function toSarif(file: string, result: ValidationResult, language: Language): Record<string, unknown> {
  const pack = packOf(result);
  const format = createFormatter(result);
  const ruleIds = Object.keys(pack.rules) as RuleId[];
  const rules = ruleIds.map((id) => {
    const rule = pack.rules[id];
    return {
      id,
      name: id,
      shortDescription: { text: rule.title[language] },
      fullDescription: { text: `${rule.title[language]} (${sourceLabels(pack, rule.sources, language)})` },
      defaultConfiguration: { level: LEVEL[rule.severity], enabled: rule.enabled },
      properties: { sources: rule.sources, titleZh: rule.title["zh-TW"], titleEn: rule.title.en },
    };
  });
  const index = new Map(ruleIds.map((id, i) => [id as string, i] as const));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, rules } },
        artifacts: [{ location: { uri: file }, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }],
        properties: { rulePack: result.rulePack, fiscalYear: result.fiscalYear, summary: result.summary },
        results: result.findings.map((finding) => {
          const reference = sheetReference(finding.sheet, finding.cell);
          return {
            ruleId: finding.ruleId,
            ...(index.has(finding.ruleId) ? { ruleIndex: index.get(finding.ruleId) } : {}),
            level: LEVEL[finding.severity],
            message: { text: format(finding, language) },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: file, index: 0 } },
                logicalLocations: [{ name: reference, fullyQualifiedName: reference, kind: "element" }],
              },
            ],
            partialFingerprints: { "allianceCheck/v1": finding.fingerprint },
            properties: { sheet: finding.sheet, cell: finding.cell, row: finding.row, column: finding.column },
            ...(finding.waiver
              ? {
                  suppressions: [
                    {
                      kind: "external",
                      status: "accepted",
                      justification: finding.waiver.reason,
                      properties: {
                        ...(finding.waiver.by ? { by: finding.waiver.by } : {}),
                        ...(finding.waiver.role ? { role: finding.waiver.role } : {}),
                        ...(finding.waiver.at ? { at: finding.waiver.at } : {}),
                      },
                    },
                  ],
                }
              : {}),
          };
        }),
      },
    ],
  };
}
