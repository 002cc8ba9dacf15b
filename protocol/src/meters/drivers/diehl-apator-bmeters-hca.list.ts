/** Drivers of Diehl/Hydrometer/Sappel, Apator, B meters, and the heat cost allocators and water meters of the other brands. */
import type { MeterDriver } from '../types.js';
import { apator08 } from './apator/apator08.js';
import { apator162 } from './apator/apator162.js';
import { apator172 } from './apator/apator172.js';
import { apatorna1 } from './apator/apatorna1.js';
import { apatoreitn } from './apator/apatoreitn.js';
import { op041a } from './apator/op041a.js';
import { ultrimis } from './apator/ultrimis.js';
import { aventieshca } from './aventies/aventieshca.js';
import { aventieswm } from './aventies/aventieswm.js';
import { hydrocalm3 } from './bmeters/hydrocalm3.js';
import { hydrocalm4 } from './bmeters/hydrocalm4.js';
import { hydroclimav2 } from './bmeters/hydroclimav2.js';
import { hydrodigit } from './bmeters/hydrodigit.js';
import { iwmtx5 } from './bmeters/iwmtx5.js';
import { rfmamb } from './bmeters/rfmamb.js';
import { rfmtx1 } from './bmeters/rfmtx1.js';
import { waterstarm } from './deltamess/waterstarm.js';
import { dme173 } from './diehl/dme173.js';
import { dme_07 } from './diehl/dme_07.js';
import { hydrus } from './diehl/hydrus.js';
import { izarv2 } from './diehl/izarv2.js';
import { sharky } from './diehl/sharky.js';
import { sharky774 } from './diehl/sharky774.js';
import { picoflux } from './ecomess/picoflux.js';
import { ev200 } from './elr/ev200.js';
import { hcae2 } from './engelmann/hcae2.js';
import { fiowater } from './fiorentini/fiowater.js';
import { eurisii } from './innotas/eurisii.js';
import { aquastream } from './integra/aquastream.js';
import { kadenwater } from './kaden/kadenwater.js';
import { evo868 } from './maddalena/evo868.js';
import { maddalena } from './maddalena/maddalena.js';
import { microclima } from './maddalena/microclima.js';
import { weh_07 } from './wehrle/weh_07.js';
import { werhlemodwm } from './wehrle/werhlemodwm.js';
import { caltose } from './zenner/caltose.js';
import { minomess } from './zenner/minomess.js';
import { uiws } from './zenner/uiws.js';
import { gwfwater } from './gwf/gwfwater.js';
import { bfw240radio } from './brunata/bfw240radio.js';
import { kaden } from './kaden/kaden.js';
import { sontex868 } from './sontex/sontex868.js';
import { relhca } from './relay/relhca.js';
import { topaseskr } from './aquametro/topaseskr.js';

export const DIEHL_APATOR_BMETERS_HCA: readonly MeterDriver[] = [
  apator08,
  apator162,
  apator172,
  apatorna1,
  apatoreitn,
  op041a,
  ultrimis,
  aventieshca,
  aventieswm,
  hydrocalm3,
  hydrocalm4,
  hydroclimav2,
  hydrodigit,
  iwmtx5,
  rfmamb,
  rfmtx1,
  waterstarm,
  dme173,
  dme_07,
  hydrus,
  izarv2,
  sharky,
  sharky774,
  picoflux,
  ev200,
  hcae2,
  fiowater,
  eurisii,
  aquastream,
  kadenwater,
  evo868,
  maddalena,
  microclima,
  weh_07,
  werhlemodwm,
  caltose,
  minomess,
  uiws,
  gwfwater,
  bfw240radio,
  kaden,
  sontex868,
  relhca,
  topaseskr,
];
