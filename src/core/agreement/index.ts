/**
 * Inter-annotator agreement: span F1, token-level Cohen's kappa, Fleiss'
 * kappa and Krippendorff's alpha, and frame agreement, for the review view
 * and the CLI. `agreementReport` computes everything; the rest is exported
 * for views that show one measure or one pair's disagreements.
 */
export { agreementReport } from './report';
export type {
  AgreementDocument,
  AgreementMeasures,
  AgreementOptions,
  AgreementReport,
  AnnotatorLayer,
  Confusion,
  DocumentAgreement,
  FramePairAgreement,
  FrameAgreement,
  FrameAttributeAgreement,
  FrameMeasuresSummary,
  FrameTypeAgreement,
  LabelAgreement,
  MentionAgreement,
  MentionPairAgreement,
  TokenAgreement,
  TokenPairAgreement,
} from './reportTypes';
export { cohenKappa, cohenKappaOfPairs, fleissKappa, fleissKappaFromSums, type FleissSums } from './kappa';
export { krippendorffAlphaNominal, alphaNominalFromSums, type CoincidenceSums, type NominalValue } from './alpha';
export { matchMentions, prf, type MentionMatch, type PRF } from './spans';
export { normalizeTopic, resolveFiller, roleFillers, sameThing, commonFillers, type FrameLayer, type ResolvedFiller } from './fillers';
export { UNSET, type AttributeAgreement, type RoleAgreement, type ValueConfusion } from './frameMeasures';
export { groupFrames, matchFrames } from './frames';
export { OUTSIDE, tokenLabels } from './tokens';
