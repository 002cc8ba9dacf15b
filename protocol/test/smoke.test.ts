import t from 'tap';
import { VERSION } from '@wmbus/protocol';
t.equal(VERSION, '0.1.0');
